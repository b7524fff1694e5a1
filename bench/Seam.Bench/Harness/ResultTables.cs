using System.Globalization;
using Seam.Bench.Api;
using Seam.Bench.Import;
using Seam.Bench.Memory;
using Spectre.Console;

namespace Seam.Bench.Harness;

/// <summary>The console tables, one per mode. The JSON file holds the same numbers and every run.</summary>
public static class ResultTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Show(ImportResult r)
    {
        var table = new Table().Title($"import: {r.Assets:N0} assets, {r.TotalRows:N0} rows, median of {r.Repetitions} after {r.Warmup} warm-up")
            .AddColumns("variant", "rows", "median s", "min s", "max s", "rows/s");
        foreach (var v in r.Variants)
        {
            table.AddRow(Markup.Escape(v.Name), v.Rows.ToString("N0", Invariant), v.Seconds.Median.ToString("0.000", Invariant),
                v.Seconds.Min.ToString("0.000", Invariant), v.Seconds.Max.ToString("0.000", Invariant), v.RowsPerSecond.ToString("N0", Invariant));
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(string.Create(Invariant,
            $"Seam PostgreSQL / \\copy (assets-shaped): {r.SeamPostgresOverCopy:0.00}×   (target ≤ 5×)"));
        AnsiConsole.WriteLine(string.Create(Invariant,
            $"Seam PostgreSQL / \\copy (text table):    {r.SeamPostgresOverCopyPlain:0.00}×"));
        AnsiConsole.WriteLine(string.Create(Invariant,
            $"Seam SQLite / \\copy (assets-shaped):     {r.SeamSqliteOverCopy:0.00}×"));
        Footer(r.Machine, r.LoadAverageAfter);
    }

    public static void Show(ApiResult r)
    {
        var table = new Table().Title($"api: {r.Assets:N0} assets (SQLite), {r.RequestsPerShape} requests per shape after {r.WarmupPerShape} warm-up, sequential")
            .AddColumns("query shape", "matching", "n", "p50 ms", "p95 ms", "p99 ms", "max ms");
        foreach (var s in r.Shapes)
        {
            AddLatencyRow(table, s.Name + (s.StoppedEarly ? " (time limit)" : ""), s.Total.ToString("N0", Invariant), s.Milliseconds);
            foreach (var (value, stats) in s.ByValue)
            {
                AddLatencyRow(table, $"  · {value}", "", stats);
            }
        }

        AddLatencyRow(table, "overall", "", r.Overall);
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(string.Create(Invariant, $"Overall p95 {r.Overall.P95:0.0} ms   (target ≤ 100 ms)"));
        Footer(r.Machine, r.LoadAverageAfter);
    }

    public static void Show(MemoryResult r)
    {
        var table = new Table().Title($"memory: seam serve --demo, {r.Assets:N0} assets, {r.Rounds} rounds over {r.Endpoints.Count} endpoints")
            .AddColumns("moment", "VmRSS MiB", "VmHWM MiB");
        table.AddRow("after start", r.AfterStart.RssMiB.ToString("0", Invariant), r.AfterStart.HwmMiB.ToString("0", Invariant));
        table.AddRow("after load", r.AfterLoad.RssMiB.ToString("0", Invariant), r.AfterLoad.HwmMiB.ToString("0", Invariant));
        AnsiConsole.Write(table);

        var endpoints = new Table().AddColumns("endpoint", "n", "p50 ms", "p95 ms", "p99 ms", "max ms");
        foreach (var e in r.Endpoints)
        {
            AddLatencyRow(endpoints, e.Path, null, e.Milliseconds);
        }

        AnsiConsole.Write(endpoints);
        AnsiConsole.WriteLine(string.Create(Invariant,
            $"Peak resident {r.AfterLoad.HwmMiB:0} MiB   (target ≤ 1024 MiB); started in {r.StartSeconds:0.0} s; exit code after SIGTERM {r.ExitCode}"));
        Footer(r.Machine, r.LoadAverageAfter);
    }

    private static void AddLatencyRow(Table table, string name, string? matching, Stats ms)
    {
        var cells = new List<string> { Markup.Escape(name) };
        if (matching is not null)
        {
            cells.Add(matching);
        }

        cells.AddRange([
            ms.Count.ToString(Invariant), ms.Median.ToString("0.0", Invariant), ms.P95.ToString("0.0", Invariant),
            ms.P99.ToString("0.0", Invariant), ms.Max.ToString("0.0", Invariant),
        ]);
        table.AddRow(cells.ToArray());
    }

    private static void Footer(MachineSnapshot machine, string? loadAfter) =>
        AnsiConsole.WriteLine($"Measured {machine}; load average after: {loadAfter ?? "?"}");
}
