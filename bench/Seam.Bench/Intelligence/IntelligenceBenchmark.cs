using System.Diagnostics;
using Seam.Bench.Harness;
using Seam.Intelligence.Matching;
using Seam.Storage;

namespace Seam.Bench.Intelligence;

public sealed record IntelligenceResult(
    MachineSnapshot Machine,
    int Documents,
    long CorpusBytes,
    int Assets,
    int SeededAssets,
    int HarvestedProducts,
    double IndexSeconds,
    double ColdPassMilliseconds,
    int Warmup,
    int Passes,
    IReadOnlyList<PipelineVariant> Pipeline,
    IReadOnlyList<SlowMatch> SlowestMatches,
    double PipelineOverFloor,
    double ParallelPipelineOverFloor,
    IReadOnlyList<ProviderImport> Imports,
    EpssCopyPeer? EpssPeer,
    string? LoadAverageAfter);

/// <summary>
/// The intelligence mode: the CSAF pipeline in memory against N assets (against the cost of parsing the same JSON), then
/// the full import of the corpus, KEV and EPSS into fresh databases. See docs/benchmarks.md, section Intelligence.
/// </summary>
/// <param name="documentLimit">Advisories to use (the first in path order); null for the whole corpus.</param>
/// <param name="providers">Databases for the import part; PostgreSQL also runs the EPSS \copy peer.</param>
public sealed class IntelligenceBenchmark(BenchArguments arguments, int? documentLimit, IReadOnlyList<DatabaseProvider> providers)
{
    public const int DefaultAssets = 100_000;

    public const int DefaultPasses = 5;

    /// <summary>Rounds of every pipeline variant before measuring (see <see cref="PipelineBenchmark.WarmUp"/>).</summary>
    public const int DefaultWarmup = 3;

    /// <summary>The share of assets turned into products the advisories name.</summary>
    public const double SeededShare = 0.02;

    public async Task<IntelligenceResult> RunAsync(CancellationToken cancellationToken)
    {
        var assets = arguments.Assets ?? DefaultAssets;
        var warmup = arguments.Warmup < 0 ? DefaultWarmup : arguments.Warmup;
        var passes = arguments.Passes ?? DefaultPasses;
        var machine = MachineSnapshot.Take(Repository.Root);

        var corpus = IntelligenceCorpus.Load(documentLimit);
        try
        {
            var harvested = corpus.HarvestProducts();
            var plant = IntelligenceCorpus.MatchingPlant(assets, arguments.Seed, harvested, SeededShare);
            var seeded = (int)Math.Round(plant.Assets.Count * SeededShare);
            Console.WriteLine($"{corpus.Documents.Count} advisories ({corpus.Bytes / 1e6:0.0} MB) in memory; {harvested.Count:N0} distinct products " +
                $"harvested; {plant.Assets.Count:N0} assets, {seeded:N0} of them seeded from the advisories.");

            var clock = Stopwatch.StartNew();
            var matcher = new AdvisoryMatcher(new AssetIndex(plant.Assets, VendorAliases.Create()));
            var indexSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"Asset index built in {indexSeconds:0.00} s.");

            var bench = new PipelineBenchmark(corpus.Documents, matcher, warmup, passes);
            var coldPass = bench.WarmUp();
            var pipeline = new List<PipelineVariant>
            {
                bench.Measure("JSON parse + tree walk (peer)", PipelineStage.JsonFloor, 1),
                bench.Measure("Seam pipeline", PipelineStage.Match, 1),
                bench.Measure("JSON parse + tree walk (peer)", PipelineStage.JsonFloor, 2),
                bench.Measure("Seam pipeline", PipelineStage.Match, 2),
                bench.Measure("  read (CsafReader)", PipelineStage.Read, 1),
                bench.Measure("  read + validate", PipelineStage.Validate, 1),
                bench.Measure("  read + validate + facts", PipelineStage.Facts, 1),
            };

            var slowest = bench.SlowestMatches(10);

            var imports = new List<ProviderImport>();
            var import = new IntelligenceImport(corpus, plant);
            EpssCopyPeer? peer = null;
            foreach (var provider in providers)
            {
                imports.Add(await import.RunAsync(provider, cancellationToken));
                if (provider == DatabaseProvider.Postgres)
                {
                    peer = await import.CopyEpssAsync(cancellationToken);
                    Console.WriteLine($"  psql \\copy of the EPSS files: {peer.Seconds:0.00} s for {peer.Rows:N0} rows");
                }
            }

            return new IntelligenceResult(machine, corpus.Documents.Count, corpus.Bytes, plant.Assets.Count, seeded, harvested.Count, indexSeconds, coldPass,
                warmup, passes, pipeline, slowest,
                PipelineOverFloor: pipeline[1].PassMilliseconds.Median / pipeline[0].PassMilliseconds.Median,
                ParallelPipelineOverFloor: pipeline[3].PassMilliseconds.Median / pipeline[2].PassMilliseconds.Median,
                imports, peer, MachineSnapshot.LoadAverageNow());
        }
        finally
        {
            corpus.DeleteCopy();
        }
    }
}
