using System.Diagnostics;
using System.Text.Json;
using Seam.Bench.Harness;
using Seam.Intelligence.Csaf;
using Seam.Intelligence.Csaf.Validation;
using Seam.Intelligence.Matching;

namespace Seam.Bench.Intelligence;

/// <summary>How far down the pipeline a variant goes; each stage includes the ones before it.</summary>
public enum PipelineStage
{
    /// <summary>The peer: <c>JsonDocument.Parse</c> and a walk over every node, reading every string and number.</summary>
    JsonFloor,

    /// <summary><c>CsafReader.Read</c>: parse, schema checks, the model.</summary>
    Read,

    /// <summary>+ <c>CsafValidator.Validate</c>: the mandatory tests on the raw JSON.</summary>
    Validate,

    /// <summary>+ <c>AdvisoryFactsBuilder.From</c>: flattened products and statements.</summary>
    Facts,

    /// <summary>+ <c>AdvisoryMatcher.Match</c> against the asset index: the whole in-memory pipeline.</summary>
    Match,
}

/// <param name="PassMilliseconds">One measurement per pass over all documents.</param>
/// <param name="AllocatedBytesPerDocument">Bytes allocated on every thread during the measured passes, per document.</param>
/// <param name="Matches">Asset–vulnerability matches in one pass (the same in every pass, or the run fails).</param>
/// <param name="Rejected">Documents the reader or the mandatory tests refused, per pass; they are not matched.</param>
public sealed record PipelineVariant(
    string Name, PipelineStage Stage, int Workers, int Documents, Stats PassMilliseconds,
    double DocumentsPerSecond, double AllocatedBytesPerDocument, long Matches, int Rejected);

/// <summary>One document's matching time, for finding what makes matching slow.</summary>
public sealed record SlowMatch(string Document, double Milliseconds, int Products, int Vulnerabilities, int Matches);

/// <summary>
/// The CSAF pipeline in memory, without a database: the documents are loaded once, then every variant runs a warm-up
/// pass and the measured passes over all of them, on one thread or with <see cref="Parallel.ForEach{TSource}(IEnumerable{TSource}, ParallelOptions, Action{TSource})"/>.
/// </summary>
public sealed class PipelineBenchmark(IReadOnlyList<CorpusDocument> documents, AdvisoryMatcher matcher, int warmup, int passes)
{
    /// <summary>
    /// Passes of the whole pipeline and of the peer before any variant is measured, on one thread and on two. Without it
    /// the variant measured first runs partly on unoptimised (tier-0) code: the JIT recompiles hot methods in the
    /// background, which on a loaded 2-core machine takes seconds. Returns the first, cold pass in milliseconds:
    /// what a one-off <c>seam import</c> of the same documents pays.
    /// </summary>
    public double WarmUp()
    {
        var clock = Stopwatch.StartNew();
        RunPass(PipelineStage.Match, 1);
        var cold = clock.Elapsed.TotalMilliseconds;
        for (var i = 0; i < warmup; i++)
        {
            RunPass(PipelineStage.JsonFloor, 1);
            RunPass(PipelineStage.Match, 1);
            RunPass(PipelineStage.Match, 2);
        }

        Console.WriteLine($"  first (cold) pass of the whole pipeline: {cold:0} ms; then {warmup} warm-up round(s) of every variant");
        return cold;
    }

    public PipelineVariant Measure(string name, PipelineStage stage, int workers)
    {
        RunPass(stage, workers);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var milliseconds = new List<double>();
        long? matches = null;
        var rejected = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < passes; i++)
        {
            var clock = Stopwatch.StartNew();
            var (passMatches, passRejected) = RunPass(stage, workers);
            milliseconds.Add(clock.Elapsed.TotalMilliseconds);
            if (matches is not null && matches != passMatches)
            {
                throw new BenchmarkFailure($"{name}: pass {i + 1} found {passMatches} matches, the one before {matches}; the pipeline is not deterministic.");
            }

            matches = passMatches;
            rejected = passRejected;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var stats = Stats.Of(milliseconds);
        var variant = new PipelineVariant(name, stage, workers, documents.Count, stats,
            documents.Count / (stats.Median / 1000), (double)allocated / (passes * documents.Count), matches ?? 0, rejected);
        Console.WriteLine($"  {name}: median pass {stats.Median:0} ms, {variant.DocumentsPerSecond:N0} documents/s");
        return variant;
    }

    /// <summary>
    /// Where the matcher spends its time: one pass on one thread timing only <c>AdvisoryMatcher.Match</c> per document;
    /// the slowest documents with their product count and matches.
    /// </summary>
    public IReadOnlyList<SlowMatch> SlowestMatches(int count)
    {
        var timed = new List<SlowMatch>(documents.Count);
        foreach (var document in documents)
        {
            using var read = CsafReader.Read(document.Content, document.Path);
            if (read.Document is not { } csaf)
            {
                continue;
            }

            var facts = AdvisoryFactsBuilder.From(csaf);
            var clock = Stopwatch.StartNew();
            var matches = matcher.Match(facts).Count;
            timed.Add(new SlowMatch(Path.GetFileName(document.Path), clock.Elapsed.TotalMilliseconds, facts.Products.Count,
                facts.Vulnerabilities.Count, matches));
        }

        var total = timed.Sum(t => t.Milliseconds);
        Console.WriteLine($"  matching alone: {total:0} ms for {timed.Count} documents; slowest: " +
            string.Join(", ", timed.OrderByDescending(t => t.Milliseconds).Take(3).Select(t => $"{t.Document} {t.Milliseconds:0} ms")));
        return [.. timed.OrderByDescending(t => t.Milliseconds).Take(count)];
    }

    private (long Matches, int Rejected) RunPass(PipelineStage stage, int workers)
    {
        long matches = 0;
        var rejected = 0;
        if (workers == 1)
        {
            foreach (var document in documents)
            {
                var outcome = Process(document, stage);
                matches += outcome.Matches;
                rejected += outcome.Rejected ? 1 : 0;
            }

            return (matches, rejected);
        }

        Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = workers }, document =>
        {
            var outcome = Process(document, stage);
            Interlocked.Add(ref matches, outcome.Matches);
            if (outcome.Rejected)
            {
                Interlocked.Increment(ref rejected);
            }
        });
        return (matches, rejected);
    }

    private (long Matches, bool Rejected) Process(CorpusDocument document, PipelineStage stage)
    {
        if (stage == PipelineStage.JsonFloor)
        {
            using var json = JsonDocument.Parse(document.Content);
            if (Walk(json.RootElement) == 0)
            {
                throw new BenchmarkFailure($"{document.Path}: the JSON walk visited nothing.");
            }

            return (0, false);
        }

        using var read = CsafReader.Read(document.Content, document.Path);
        if (read.Document is not { } csaf || read.Root is not { } root)
        {
            return (0, true);
        }

        if (stage >= PipelineStage.Validate && CsafValidator.Validate(root).Count > 0)
        {
            return (0, true);
        }

        if (stage < PipelineStage.Facts)
        {
            return (0, false);
        }

        var facts = AdvisoryFactsBuilder.From(csaf);
        return stage < PipelineStage.Match ? (0, false) : (matcher.Match(facts).Count, false);
    }

    /// <summary>Every node once; strings become .NET strings and numbers doubles, as a reader of the values would make them.</summary>
    private static long Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                long inObject = 1;
                foreach (var property in element.EnumerateObject())
                {
                    inObject += Walk(property.Value);
                }

                return inObject;
            case JsonValueKind.Array:
                long inArray = 1;
                foreach (var item in element.EnumerateArray())
                {
                    inArray += Walk(item);
                }

                return inArray;
            case JsonValueKind.String:
                return element.GetString()!.Length >= 0 ? 1 : 0;
            case JsonValueKind.Number:
                return element.TryGetDouble(out _) ? 1 : 0;
            default:
                return 1;
        }
    }
}
