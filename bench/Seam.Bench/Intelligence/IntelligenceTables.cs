using System.Globalization;
using Spectre.Console;

namespace Seam.Bench.Intelligence;

/// <summary>The console tables of the intel mode; the JSON results file holds the same numbers and every pass.</summary>
public static class IntelligenceTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Show(IntelligenceResult r)
    {
        var pipeline = new Table()
            .Title($"intel: {r.Documents} CSAF advisories ({r.CorpusBytes / 1e6:0.0} MB) against {r.Assets:N0} assets ({r.SeededAssets:N0} seeded from " +
                $"the advisories), median of {r.Passes} passes after {r.Warmup} warm-up round(s)")
            .AddColumns("variant", "workers", "median ms/pass", "min", "max", "advisories/s", "KB allocated/doc", "matches", "rejected");
        foreach (var v in r.Pipeline)
        {
            pipeline.AddRow(Markup.Escape(v.Name), v.Workers.ToString(Invariant), v.PassMilliseconds.Median.ToString("0", Invariant),
                v.PassMilliseconds.Min.ToString("0", Invariant), v.PassMilliseconds.Max.ToString("0", Invariant),
                v.DocumentsPerSecond.ToString("N0", Invariant), (v.AllocatedBytesPerDocument / 1024).ToString("N0", Invariant),
                v.Stage == PipelineStage.Match ? v.Matches.ToString("N0", Invariant) : "", v.Stage == PipelineStage.JsonFloor ? "" : v.Rejected.ToString(Invariant));
        }

        AnsiConsole.Write(pipeline);
        AnsiConsole.WriteLine(string.Create(Invariant,
            $"Asset index over {r.Assets:N0} assets built in {r.IndexSeconds:0.00} s (once, not in the passes). " +
            $"First, cold pass of the whole pipeline (JIT included): {r.ColdPassMilliseconds:0} ms."));
        AnsiConsole.WriteLine(string.Create(Invariant,
            $"Seam pipeline / JSON parse + walk, 1 worker:  {r.PipelineOverFloor:0.0}×   (throughput {r.Pipeline[1].DocumentsPerSecond:N0}/s, target ≥ 500/s)"));
        AnsiConsole.WriteLine(string.Create(Invariant,
            $"Seam pipeline / JSON parse + walk, 2 workers: {r.ParallelPipelineOverFloor:0.0}×   (throughput {r.Pipeline[3].DocumentsPerSecond:N0}/s)"));

        var slow = new Table().Title("matching alone, slowest documents (one pass, one thread)")
            .AddColumns("document", "ms", "products", "vulnerabilities", "matches");
        foreach (var m in r.SlowestMatches)
        {
            slow.AddRow(Markup.Escape(m.Document), m.Milliseconds.ToString("0.0", Invariant), m.Products.ToString(Invariant),
                m.Vulnerabilities.ToString(Invariant), m.Matches.ToString("N0", Invariant));
        }

        AnsiConsole.Write(slow);

        foreach (var import in r.Imports)
        {
            var table = new Table()
                .Title(string.Create(Invariant, $"intel import → {import.Provider}: asset plant stored first in {import.PlantSeconds:0.0} s (not counted)"))
                .AddColumns("step", "seconds", "items", "items/s", "result");
            foreach (var step in import.Steps)
            {
                table.AddRow(Markup.Escape(step.Name), step.Seconds is { } seconds ? seconds.ToString("0.00", Invariant) : "failed",
                    $"{step.Items.ToString("N0", Invariant)} {step.Unit}", step.ItemsPerSecond?.ToString("N0", Invariant) ?? "", Markup.Escape(step.Detail));
            }

            table.AddRow(import.Failures.Count == 0 ? "total" : "total (completed steps)", import.TotalSeconds.ToString("0.00", Invariant), "", "", "");
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine(string.Create(Invariant,
                $"  of the CSAF step, loading {r.Assets:N0} assets and building the index: {import.MatcherSeconds:0.00} s (measured alone); " +
                $"sidecar .sha512 checks: {string.Join(", ", import.Sha512Checks.Select(c => $"{c.Value} × {c.Key}"))}"));
            foreach (var reason in import.RejectionReasons.Take(5))
            {
                AnsiConsole.WriteLine("  rejected: " + reason);
            }
        }

        if (r.EpssPeer is { } peer && r.Imports.FirstOrDefault(i => i.Provider == Storage.DatabaseProvider.Postgres) is { Failures.Count: 0 } postgres)
        {
            var seam = postgres.Steps.Where(s => s.Name.StartsWith("EPSS", StringComparison.Ordinal)).Sum(s => s.Seconds ?? 0);
            AnsiConsole.WriteLine(string.Create(Invariant,
                $"EPSS into PostgreSQL: Seam {seam:0.00} s / psql \\copy {peer.Seconds:0.00} s ({peer.Rows:N0} rows, primary-keyed table) = {seam / peer.Seconds:0.0}×"));
        }

        AnsiConsole.WriteLine($"Measured {r.Machine}; load average after: {r.LoadAverageAfter ?? "?"}");
    }
}
