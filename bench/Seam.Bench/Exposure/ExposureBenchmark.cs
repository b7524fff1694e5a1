using System.Diagnostics;
using Seam.Bench.Harness;
using Seam.Exposure;
using Seam.Exposure.Analysis;
using Seam.Exposure.Graph;
using Seam.Exposure.Model;
using Seam.Exposure.WhatIf;
using Seam.Inventory;

namespace Seam.Bench.Exposure;

/// <param name="ReachedNodes">Nodes the searches reach from the entry points (the same for both, or the run fails).</param>
public sealed record GraphShape(int Nodes, int Edges, int Sources, int ReachedNodes, int CrownJewels, int ReachableCrownJewels);

/// <summary>One what-if, timed, with what it changed (so that a scenario that changes nothing is visible).</summary>
/// <param name="Milliseconds">Null when the what-if could not run; <paramref name="NotMeasured"/> says why.</param>
public sealed record WhatIfMeasurement(string Name, string Actions, Stats? Milliseconds, double ScoreChange, int PathsRemoved, int PathsAdded,
    int CrownJewelsCutOff, int VerdictChanges, string? NotMeasured = null);

/// <summary>NetworkX's median over Seam's median: how many times faster Seam is.</summary>
/// <param name="Reachability">NetworkX (a) over the engine's <c>Propagation.FewestHops</c> (a BFS that also keeps hop counts and parents).</param>
/// <param name="DijkstraWithPaths">NetworkX (b) over the engine's <c>Propagation.MostLikely</c> (Dijkstra keeping every node's parent).</param>
/// <param name="DijkstraLengths">NetworkX (c), distances only, over the engine's <c>Propagation.MostLikely</c>.</param>
/// <param name="FullRecomputeVsPeer">NetworkX (a) + (b) over Seam's whole <c>Analyze</c>, which does far more than the two searches.</param>
/// <param name="ReachabilityVsHarness">NetworkX (a) over the harness's plain BFS.</param>
/// <param name="DijkstraVsHarness">NetworkX (b) over the harness's plain Dijkstra.</param>
public sealed record PeerRatios(double Reachability, double DijkstraWithPaths, double? DijkstraLengths, double FullRecomputeVsPeer,
    double ReachabilityVsHarness, double DijkstraVsHarness);

/// <summary>The parts of <c>Analyze</c>, each timed alone.</summary>
/// <param name="GraphBuild"><c>ExposureGraphBuilder.Build</c>: index the inventory, build the attack graph.</param>
/// <param name="Searches"><c>ExposureEngine.Search</c>: most likely paths, fewest hops and per-entry reach (two threads).</param>
/// <param name="Report"><c>ReportBuilder.Build</c>: rows per asset, finding and crown jewel, entry reach, choke points, scores.</param>
/// <param name="ReportWithoutChokePoints">The same without the choke points (the min-cut), as a what-if builds it.</param>
public sealed record StageTimes(Stats GraphBuild, Stats Searches, Stats Report, Stats ReportWithoutChokePoints);

/// <summary>Searches over the attack graph, each timed alone on one thread.</summary>
public sealed record SearchTimes(Stats EngineFewestHops, Stats EngineMostLikely, Stats HarnessBfs, Stats HarnessDijkstra);

public sealed record ExposureSizeResult(
    int Assets,
    CompanySummary Company,
    double GenerateMilliseconds,
    GraphShape Graph,
    Stats FullRecompute,
    StageTimes Stages,
    double? ExplainAllMilliseconds,
    string? ExplainAllNotMeasured,
    IReadOnlyList<WhatIfMeasurement> WhatIfs,
    PeakMemory? Memory,
    SearchTimes Searches,
    ExportSummary? Export,
    NetworkXRun? NetworkX,
    PeerRatios? Ratios,
    IReadOnlyList<Footprint> Footprints);

/// <summary>How the full recompute grows from the smallest size to the largest.</summary>
/// <param name="Exponent">log(time ratio) / log(asset ratio): 1 is linear.</param>
public sealed record Growth(int FromAssets, int ToAssets, double AssetRatio, double TimeRatio, double Exponent);

public sealed record ExposureResult(
    MachineSnapshot Machine,
    int Seed,
    int Warmup,
    int Runs,
    bool WithPeer,
    IReadOnlyList<ExposureSizeResult> Sizes,
    Growth? Growth,
    string? LoadAverageAfter);

/// <summary>
/// The exposure engine at company scale, against NetworkX on the same graph in the same run. Per size: generate the
/// company (<see cref="SyntheticCompany"/>) and check it, time <c>ExposureEngine.Analyze</c> (the full recompute), two
/// what-ifs, the harness's own reachability and Dijkstra over the engine's attack graph, the peak memory of one analysis in
/// a child process, then export the graph and run bench/networkx/baseline.py on it, whose answers must agree with the
/// harness's searches.
/// </summary>
public sealed class ExposureBenchmark(BenchArguments arguments, IReadOnlyList<int> sizes, bool withPeer, bool measureMemory)
{
    public static IReadOnlyList<int> DefaultSizes { get; } = [1_000, 10_000, 100_000];

    private int Warmup => Math.Max(0, arguments.Warmup < 0 ? 1 : arguments.Warmup);

    private int Runs => arguments.Repetitions;

    /// <summary>Allocation and page faults of the parts measured for the current size.</summary>
    private readonly List<Footprint> footprints = [];

    public async Task<ExposureResult> RunAsync(CancellationToken cancellationToken)
    {
        var machine = MachineSnapshot.Take(Repository.Root);
        if (withPeer)
        {
            var version = await NetworkXPeer.VersionAsync(cancellationToken)
                ?? throw new BenchmarkFailure($"{NetworkXPeer.Python} cannot import networkx: install Debian's package (apt-get install python3-networkx).");
            Console.WriteLine($"NetworkX {version} ({NetworkXPeer.Python})");
        }

        var results = new List<ExposureSizeResult>();
        foreach (var size in sizes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var measured = await MeasureAsync(size, cancellationToken);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            results.Add(await WithMemoryAsync(measured, cancellationToken));
        }

        Growth? growth = null;
        if (results.Count > 1)
        {
            var (small, large) = (results[0], results[^1]);
            var assetRatio = (double)large.Assets / small.Assets;
            var timeRatio = large.FullRecompute.Median / small.FullRecompute.Median;
            growth = new Growth(small.Assets, large.Assets, assetRatio, timeRatio, Math.Log(timeRatio) / Math.Log(assetRatio));
        }

        return new ExposureResult(machine, arguments.Seed, Warmup, Runs, withPeer, results, growth, MachineSnapshot.LoadAverageNow());
    }

    private async Task<ExposureSizeResult> MeasureAsync(int assets, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{assets:N0} assets:");
        footprints.Clear();
        var clock = Stopwatch.StartNew();
        var input = SyntheticCompany.Create(assets, arguments.Seed);
        var generate = clock.Elapsed.TotalMilliseconds;
        var company = SyntheticCompanyCheck.Check(input, assets);
        Console.WriteLine($"  generated in {generate:0} ms: {company.Sites} site(s), {company.Zones:N0} zones, {company.Conduits:N0} conduits, " +
            $"{company.Findings:N0} findings, {company.CrownJewels} crown jewels; validator: no errors");

        var (analysis, full, stages) = MeasureAnalysis(input);
        var explainAll = arguments.Quick ? (Value: (double?)null, Missing: (string?)"skipped (--quick)") : MeasureExplainAll(analysis);
        var whatIfs = MeasureWhatIfs(analysis);
        var graph = analysis.Graph.Graph;
        var (searches, reachAnswers, distanceAnswers) = MeasureSearches(graph);
        var reached = reachAnswers[0].Reached.Count(r => r);
        var shape = new GraphShape(graph.NodeCount, graph.EdgeCount, graph.SourceNodes.Count, reached, analysis.Report.CrownJewels.Count,
            analysis.Report.CrownJewels.Count(c => c.Reachable));
        var (export, peer, ratios) = withPeer
            ? await MeasurePeerAsync(graph, full, searches, reachAnswers, distanceAnswers, cancellationToken)
            : (null, null, null);
        return new ExposureSizeResult(assets, company, generate, shape, full, stages, explainAll.Value, explainAll.Missing, whatIfs, null, searches, export,
            peer, ratios, [.. footprints]);
    }

    /// <summary>The full recompute, then its three parts each alone. Returns the last analysis, which nothing has read yet.</summary>
    private (ExposureAnalysis Analysis, Stats Full, StageTimes Stages) MeasureAnalysis(ExposureInput input)
    {
        ExposureAnalysis? last = null;
        var full = Time(() => last = ExposureEngine.Analyze(input), "full recompute");
        Console.WriteLine($"  full recompute (Analyze): median {full.Median:0.0} ms");
        var analysis = last!;
        var stages = new StageTimes(
            Time(() => ExposureGraphBuilder.Build(input), "graph build"),
            Time(() => ExposureEngine.Search(analysis.Graph.Graph), "searches"),
            Time(() => ReportBuilder.Build(analysis.Graph, analysis.Searches, input.At), "report"),
            Time(() => ReportBuilder.Build(analysis.Graph, analysis.Searches, input.At, withChokePoints: false), "report without choke points"));
        Console.WriteLine($"  stages: graph build {stages.GraphBuild.Median:0.0} ms, searches {stages.Searches.Median:0.0} ms, report {stages.Report.Median:0.0} ms " +
            $"(without choke points {stages.ReportWithoutChokePoints.Median:0.0} ms)");
        foreach (var footprint in footprints)
        {
            Console.WriteLine($"    {footprint}");
        }

        return (analysis, full, stages);
    }

    /// <summary>
    /// The report works out each finding's explanation, best path, entry points and SSVC decision when first read. Reading
    /// them all once, on an analysis nothing has read yet, is what an export of every finding pays on top of Analyze.
    /// </summary>
    private static (double? Value, string? Missing) MeasureExplainAll(ExposureAnalysis analysis)
    {
        var explainAll = Attempt(() =>
        {
            var clock = Stopwatch.StartNew();
            Explain(analysis.Report);
            return clock.Elapsed.TotalMilliseconds;
        });
        Console.WriteLine(explainAll.Value is { } explained
            ? $"  every finding explained (reason, best path, entry points, SSVC), once: {explained:0.0} ms"
            : $"  every finding explained: not measured ({explainAll.Missing})");
        return explainAll;
    }

    private List<WhatIfMeasurement> MeasureWhatIfs(ExposureAnalysis analysis)
    {
        var whatIfs = new List<WhatIfMeasurement>();
        foreach (var scenario in Scenarios(analysis))
        {
            var actions = string.Join("; ", scenario.Actions.Select(a => a.Describe()));
            WhatIfResult? outcome = null;
            var stats = Attempt(() => Time(() => outcome = ExposureEngine.WhatIf(analysis, scenario), "what-if: " + scenario.Name));
            if (stats.Value is null)
            {
                whatIfs.Add(new WhatIfMeasurement(scenario.Name, actions, null, 0, 0, 0, 0, 0, stats.Missing));
                Console.WriteLine($"  what-if '{scenario.Name}': not measured ({stats.Missing})");
                continue;
            }

            whatIfs.Add(new WhatIfMeasurement(scenario.Name, actions, stats.Value, outcome!.ScoreChange,
                outcome.PathsRemoved.Count, outcome.PathsAdded.Count, outcome.CrownJewelsCutOff.Count, outcome.VerdictChanges.Count));
            Console.WriteLine($"  what-if '{scenario.Name}': median {stats.Value.Median:0.0} ms, score {outcome.ScoreChange:+0.00;-0.00;0}, " +
                $"{outcome.PathsRemoved.Count} crown-jewel path(s) removed, {outcome.VerdictChanges.Count} verdict change(s)");
            Console.WriteLine($"    {footprints[^1]}");
        }

        return whatIfs;
    }

    /// <summary>The engine's searches and the harness's, each timed alone; their answers must agree or the run fails.</summary>
    private (SearchTimes Times, ReachAnswer[] Reach, DistanceAnswer[] Distance) MeasureSearches(AttackGraph graph)
    {
        HopTree? hops = null;
        LikelihoodTree? likely = null;
        bool[]? reachable = null;
        ShortestPaths? paths = null;
        var times = new SearchTimes(
            Time(() => hops = Propagation.FewestHops(graph)),
            Time(() => likely = Propagation.MostLikely(graph)),
            Time(() => reachable = GraphSearch.Reachable(graph)),
            Time(() => paths = GraphSearch.Dijkstra(graph)));
        ReachAnswer[] reach =
        [
            new("the engine's FewestHops", [.. hops!.Hops.Select(h => h != int.MaxValue)]),
            new("the harness's BFS", reachable!),
        ];
        DistanceAnswer[] distance =
        [
            new("the engine's MostLikely", [.. likely!.Likelihood.Select(l => l > 0 ? -Math.Log(l) : double.PositiveInfinity)]),
            new("the harness's Dijkstra", paths!.Distance),
        ];
        NetworkXPeer.CheckAgreement(reach[0], reach[1..], distance[0], distance[1..]);
        Console.WriteLine($"  attack graph: {graph.NodeCount:N0} nodes, {graph.EdgeCount:N0} edges, {graph.SourceNodes.Count} entry nodes, " +
            $"{reach[0].Reached.Count(r => r):N0} reached; engine FewestHops {times.EngineFewestHops.Median:0.0} ms, MostLikely {times.EngineMostLikely.Median:0.0} ms; " +
            $"harness BFS {times.HarnessBfs.Median:0.0} ms, Dijkstra {times.HarnessDijkstra.Median:0.0} ms");
        return (times, reach, distance);
    }

    private async Task<(ExportSummary?, NetworkXRun?, PeerRatios?)> MeasurePeerAsync(AttackGraph graph, Stats full, SearchTimes searches,
        ReachAnswer[] reach, DistanceAnswer[] distance, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"seam-bench-exposure-{Guid.NewGuid():N}.bin");
        try
        {
            var export = AttackGraphExport.Write(graph, path);
            Console.WriteLine($"  exported {export.Edges:N0} edges ({export.ParallelEdgesMerged:N0} parallel merged, {export.ZeroLikelihoodEdges:N0} with likelihood 0 left out), " +
                $"{export.Bytes / 1048576.0:0.0} MiB; running NetworkX …");
            var peer = await NetworkXPeer.RunAsync(path, Warmup, Runs, lengths: true, reach, distance, cancellationToken);
            var ratios = new PeerRatios(
                peer.Reachability.Median / searches.EngineFewestHops.Median,
                peer.DijkstraWithPaths.Median / searches.EngineMostLikely.Median,
                peer.DijkstraLengths is { } lengths ? lengths.Median / searches.EngineMostLikely.Median : null,
                (peer.Reachability.Median + peer.DijkstraWithPaths.Median) / full.Median,
                peer.Reachability.Median / searches.HarnessBfs.Median,
                peer.DijkstraWithPaths.Median / searches.HarnessDijkstra.Median);
            Console.WriteLine($"  NetworkX agrees; load {peer.LoadMilliseconds:0} ms (not counted), BFS {peer.Reachability.Median:0.0} ms ({ratios.Reachability:0.0}×), " +
                $"Dijkstra with paths {peer.DijkstraWithPaths.Median:0.0} ms ({ratios.DijkstraWithPaths:0.0}×)");
            return (export, peer, ratios);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Run after the size's graph and searches are out of scope, so the child process has the machine's memory to itself.</summary>
    private async Task<ExposureSizeResult> WithMemoryAsync(ExposureSizeResult result, CancellationToken cancellationToken)
    {
        if (!measureMemory)
        {
            return result;
        }

        var memory = await PeakMemoryProbe.MeasureAsync(result.Assets, arguments.Seed, cancellationToken);
        Console.WriteLine($"  peak memory of one Analyze in a fresh process: {memory.PeakResidentMiB:0} MiB resident " +
            $"(input alone {memory.InputResidentMiB:0} MiB){(memory.PeakCoversAnalysisOnly ? "" : ", peak includes generating the input")}; " +
            $"first, cold run {memory.FirstRunMilliseconds:0} ms");
        return result with { Memory = memory };
    }

    /// <summary>
    /// Three what-ifs a person would try, aimed at the most exposed crown jewel's most likely path: block the service that
    /// path uses on the conduit nearest the jewel (the cell's own conduit, typically; other services on it may still
    /// carry paths), remove that conduit altogether, and require MFA on the first vendor path without it.
    /// </summary>
    private static IEnumerable<Scenario> Scenarios(ExposureAnalysis analysis)
    {
        var model = analysis.Input.Inventory;
        var conduits = model.Conduits.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var hop = analysis.Report.CrownJewels
            .Where(c => c.Reachable && c.MostLikelyPath is not null)
            .OrderByDescending(c => c.Likelihood)
            .Select(c => c.MostLikelyPath!.Hops.LastOrDefault(h => h.ViaId is not null && conduits.Contains(h.ViaId) && h.Service is not null))
            .FirstOrDefault(h => h is not null);
        if (hop is not null)
        {
            yield return new Scenario("block a conduit service on a crown-jewel path", [new BlockConduitService(hop.ViaId!, hop.Service)]);
            yield return new Scenario("remove the conduit into a crown jewel's cell", [new BlockConduitService(hop.ViaId!, null)]);
        }

        var vendor = model.EntryPoints.FirstOrDefault(e => e.Kind == EntryPointKind.VendorRemoteAccess && !e.MfaRequired);
        if (vendor is not null)
        {
            yield return new Scenario("require MFA on a vendor path", [new RequireMfa(vendor.Id)]);
        }
    }

    /// <summary>Reads every lazily computed part of every finding.</summary>
    private static void Explain(ExposureReport report)
    {
        var characters = 0L;
        foreach (var finding in report.Findings)
        {
            characters += finding.Reason.Length + finding.StepWhy.Length + finding.EntryPointIds.Count + (finding.BestPath?.Hops.Count ?? 0);
            _ = finding.Ssvc;
        }

        GC.KeepAlive(characters);
    }

    /// <summary>
    /// Runs a measurement of a part of the engine that may not be written yet (the engine is filled in by several people;
    /// a stub throws <see cref="NotImplementedException"/>). The gap is recorded and shown, not hidden.
    /// </summary>
    private static (T? Value, string? Missing) Attempt<T>(Func<T> measure)
        where T : class
    {
        try
        {
            return (measure(), null);
        }
        catch (NotImplementedException e)
        {
            return (null, "not implemented yet: " + e.Message);
        }
    }

    private static (double? Value, string? Missing) Attempt(Func<double> measure)
    {
        try
        {
            return (measure(), null);
        }
        catch (NotImplementedException e)
        {
            return (null, "not implemented yet: " + e.Message);
        }
    }

    /// <summary>
    /// Warm-up runs, then the measured runs, each timed alone. With a <paramref name="footprintName"/>, what each
    /// measured run allocated and faulted in is recorded too (see <see cref="Footprint"/>).
    /// </summary>
    private Stats Time(Action action, string? footprintName = null)
    {
        var gen2 = GC.CollectionCount(2);
        var everyRun = new List<double>(Warmup + Runs);
        for (var i = 0; i < Warmup; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            everyRun.Add(clock.Elapsed.TotalMilliseconds);
        }

        var milliseconds = new List<double>(Runs);
        var samples = new List<(FootprintSample, FootprintSample)>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            var before = FootprintSample.Now();
            var clock = Stopwatch.StartNew();
            action();
            milliseconds.Add(clock.Elapsed.TotalMilliseconds);
            samples.Add((before, FootprintSample.Now()));
        }

        everyRun.AddRange(milliseconds);
        if (footprintName is not null)
        {
            footprints.Add(FootprintSample.Summarise(footprintName, samples, GC.CollectionCount(2) - gen2, everyRun));
        }

        return Stats.Of(milliseconds);
    }
}
