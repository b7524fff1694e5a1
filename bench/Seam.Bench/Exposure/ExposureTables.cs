using System.Globalization;
using Seam.Bench.Harness;
using Spectre.Console;

namespace Seam.Bench.Exposure;

/// <summary>The exposure mode's console tables; the JSON file holds the same numbers and every run.</summary>
public static class ExposureTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Show(ExposureResult r)
    {
        var model = new Table().Title($"exposure: the generated companies (seed {r.Seed})")
            .AddColumns("assets", "sites", "zones", "conduits", "findings", "KEV", "crown jewels", "graph nodes", "graph edges", "reached nodes", "jewels reachable", "generate s");
        foreach (var s in r.Sizes)
        {
            model.AddRow(N(s.Assets), N(s.Company.Sites), N(s.Company.Zones), N(s.Company.Conduits), N(s.Company.Findings),
                s.Company.KevShare.ToString("P1", Invariant), N(s.Company.CrownJewels), N(s.Graph.Nodes), N(s.Graph.Edges), N(s.Graph.ReachedNodes),
                $"{s.Graph.ReachableCrownJewels}/{s.Graph.CrownJewels}", (s.GenerateMilliseconds / 1000).ToString("0.0", Invariant));
        }

        AnsiConsole.Write(model);

        var seam = new Table().Title($"Seam: median of {r.Runs} after {r.Warmup} warm-up (ms)")
            .AddColumns("assets", "full recompute", "min–max", "graph build", "searches", "report", "… no choke points", "explain all findings", "peak RSS MiB", "input RSS MiB", "cold first run",
                "what-ifs: block service / remove conduit / MFA");
        foreach (var s in r.Sizes)
        {
            var whatIfs = s.WhatIfs.Count == 0 ? "—" : string.Join(" / ", s.WhatIfs.Select(w => w.Milliseconds is { } m ? Ms(m.Median) : "n/a"));
            seam.AddRow(N(s.Assets), Ms(s.FullRecompute.Median), $"{Ms(s.FullRecompute.Min)}–{Ms(s.FullRecompute.Max)}", Ms(s.Stages.GraphBuild.Median),
                Ms(s.Stages.Searches.Median), Ms(s.Stages.Report.Median), Ms(s.Stages.ReportWithoutChokePoints.Median), s.ExplainAllMilliseconds is { } e ? Ms(e) : "n/a",
                s.Memory is { } m ? m.PeakResidentMiB.ToString("0", Invariant) + (m.PeakCoversAnalysisOnly ? "" : "*") : "—",
                s.Memory?.InputResidentMiB.ToString("0", Invariant) ?? "—", s.Memory is { } c ? Ms(c.FirstRunMilliseconds) : "—", whatIfs);
        }

        AnsiConsole.Write(seam);
        foreach (var w in r.Sizes[^1].WhatIfs)
        {
            AnsiConsole.WriteLine(w.NotMeasured is { } why
                ? $"what-if '{w.Name}' ({w.Actions}): {why}"
                : string.Create(Invariant,
                    $"what-if '{w.Name}' ({w.Actions}): score {w.ScoreChange:+0.00;-0.00;0}, {w.PathsRemoved} path(s) removed, {w.PathsAdded} added, {w.CrownJewelsCutOff} jewel(s) cut off, {w.VerdictChanges} verdict change(s)"));
        }

        if (r.Sizes[^1].ExplainAllNotMeasured is { } missing)
        {
            AnsiConsole.WriteLine($"explain all findings: {missing}");
        }

        var searches = new Table().Title("Seam's searches over the attack graph, one thread each (ms)")
            .AddColumns("assets", "graph nodes", "graph edges", "engine FewestHops", "engine MostLikely", "harness BFS", "harness Dijkstra");
        foreach (var s in r.Sizes)
        {
            searches.AddRow(N(s.Assets), N(s.Graph.Nodes), N(s.Graph.Edges), Ms(s.Searches.EngineFewestHops.Median), Ms(s.Searches.EngineMostLikely.Median),
                Ms(s.Searches.HarnessBfs.Median), Ms(s.Searches.HarnessDijkstra.Median));
        }

        AnsiConsole.Write(searches);

        if (r.WithPeer)
        {
            var peer = new Table().Title($"NetworkX {r.Sizes.FirstOrDefault()?.NetworkX?.NetworkX} on the same graph: median of {r.Runs} after {r.Warmup} warm-up (ms); × = NetworkX / Seam")
                .AddColumns("assets", "load (not counted)", "(a) BFS", "× engine", "× harness", "(b) Dijkstra + paths", "× engine", "× harness",
                    "(c) Dijkstra lengths", "× engine", "(a)+(b) / Seam full recompute");
            foreach (var s in r.Sizes.Where(s => s.NetworkX is not null && s.Ratios is not null))
            {
                var nx = s.NetworkX!;
                var ratio = s.Ratios!;
                peer.AddRow(N(s.Assets), Ms(nx.LoadMilliseconds), Ms(nx.Reachability.Median), X(ratio.Reachability), X(ratio.ReachabilityVsHarness),
                    Ms(nx.DijkstraWithPaths.Median), X(ratio.DijkstraWithPaths), X(ratio.DijkstraVsHarness),
                    nx.DijkstraLengths is { } l ? Ms(l.Median) : "—", ratio.DijkstraLengths is { } lr ? X(lr) : "—", X(ratio.FullRecomputeVsPeer));
            }

            AnsiConsole.Write(peer);
        }

        var largest = r.Sizes[^1];
        AnsiConsole.WriteLine(string.Create(Invariant,
            $"{N(largest.Assets)} assets: full recompute {Ms(largest.FullRecompute.Median)} ms (target ≤ 1000 ms), peak {largest.Memory?.PeakResidentMiB.ToString("0", Invariant) ?? "—"} MiB (target ≤ 2048 MiB), " +
            $"what-if {(largest.WhatIfs.Any(w => w.Milliseconds is not null) ? Ms(largest.WhatIfs.Where(w => w.Milliseconds is not null).Max(w => w.Milliseconds!.Median)) : "—")} ms at most (target ≤ 50 ms)" +
            $"{(largest.Ratios is { } q ? $", the same searches as NetworkX: BFS {X(q.Reachability)}, Dijkstra with paths {X(q.DijkstraWithPaths)} faster (target ≥ 20×); " +
                $"NetworkX (a)+(b) / Seam's whole recompute {X(q.FullRecomputeVsPeer)} (information: the recompute also builds the graph, SSVC, the report and choke points)" : "")}"));
        if (r.Growth is { } g)
        {
            AnsiConsole.WriteLine(string.Create(Invariant,
                $"Growth {N(g.FromAssets)} → {N(g.ToAssets)} assets ({g.AssetRatio:0}×): full recompute {g.TimeRatio:0.0}× (time ∝ assets^{g.Exponent:0.00})"));
        }

        if (r.Sizes.Any(s => s.Memory is { PeakCoversAnalysisOnly: false }))
        {
            AnsiConsole.WriteLine("* the peak could not be reset before the analysis, so it includes generating the input.");
        }

        AnsiConsole.WriteLine($"Measured {r.Machine}; load average after: {r.LoadAverageAfter ?? "?"}");
    }

    private static string N(long value) => value.ToString("N0", Invariant);

    private static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.00" : milliseconds < 100 ? "0.0" : "0", Invariant);

    private static string X(double ratio) => ratio.ToString(ratio < 10 ? "0.0" : "0", Invariant) + "×";
}
