using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Seam.Audit;
using Seam.Bench.Harness;
using Seam.Bench.Memory;
using Seam.Storage;
using Seam.Storage.Audit;

namespace Seam.Bench.Audit;

/// <param name="Entries">How many audit entries to write, then verify.</param>
/// <param name="Batch">Entries per SaveChanges while writing (each save chains its batch under the log's lock).</param>
/// <param name="Runs">Timed verifications (after one untimed warm-up, which also warms the file cache for the peer).</param>
public sealed record AuditBenchOptions(int Entries = 1_000_000, int Batch = 10_000, int Runs = 3, bool Write = true);

/// <param name="JsonLinesBytes">Size of the exported JSON lines: the bytes the chain covers, in the form a SIEM receives.</param>
/// <param name="VerifyMs">Each timed verification of the whole log, streamed from SQLite.</param>
/// <param name="VerifyPeakRssMiB">VmHWM, reset just before the first timed verification (null where it cannot be reset).</param>
/// <param name="Sha256sumMs">The floor: coreutils sha256sum over the exported file, each run (the file is in the page cache).</param>
public sealed record AuditBenchResult(
    MachineSnapshot Machine,
    int Entries,
    int Batch,
    double WriteSeconds,
    long DatabaseBytes,
    long JsonLinesBytes,
    double ExportSeconds,
    IReadOnlyList<double> VerifyMs,
    double? VerifyPeakRssMiB,
    double RssBeforeVerifyMiB,
    double VerifyAllocatedMiB,
    IReadOnlyList<double> Sha256sumMs)
{
    public double VerifyMedianMs => Median(VerifyMs);

    public double Sha256sumMedianMs => Median(Sha256sumMs);

    public double EntriesPerSecond => Entries / (VerifyMedianMs / 1000);

    public double MegabytesPerSecond => JsonLinesBytes / 1e6 / (VerifyMedianMs / 1000);

    public double TimesTheFloor => VerifyMedianMs / Sha256sumMedianMs;

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// `audit`: writes N entries through the real chaining path (SeamDbContext.SaveChanges) into a SQLite file, then times
/// `seam audit verify`'s work (<see cref="AuditLogVerifier"/>) against a floor: sha256sum over the same entries as JSON
/// lines. The peer hashes each byte once and checks nothing; verify reads rows through EF Core, hashes each entry and
/// compares. The ratio says how far verification is from just hashing the data.
/// </summary>
public static class AuditBenchmark
{
    public const string Mode = "audit";

    public const string Usage = "usage: audit [--entries N] [--batch N] [--runs N]   (defaults 1000000, 10000, 3)";

    public static async Task<int> RunFromCommandLineAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new AuditBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                Console.Error.WriteLine($"audit: {args[i]} needs a positive whole number after it.");
                Console.Error.WriteLine(Usage);
                return 2;
            }

            options = args[i] switch
            {
                "--entries" => options with { Entries = value },
                "--batch" => options with { Batch = value },
                "--runs" => options with { Runs = value },
                _ => null!,
            };
            if (options is null)
            {
                Console.Error.WriteLine($"audit: unknown option {args[i]}.");
                Console.Error.WriteLine(Usage);
                return 2;
            }

            i++;
        }

        await RunAsync(options, cancellationToken);
        return 0;
    }

    public static async Task<AuditBenchResult> RunAsync(AuditBenchOptions options, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("seam-bench-audit-");
        try
        {
            var database = DatabaseOptions.Sqlite(Path.Combine(folder.FullName, "audit.db"));
            await SeamDbContextFactory.PrepareAsync(database, cancellationToken);

            Console.WriteLine($"Writing {options.Entries:N0} audit entries in saves of {options.Batch:N0} …");
            var clock = Stopwatch.StartNew();
            await WriteAsync(database, options, cancellationToken);
            var writeSeconds = clock.Elapsed.TotalSeconds;

            var export = Path.Combine(folder.FullName, "audit.jsonl");
            clock.Restart();
            await using (var db = SeamDbContextFactory.Create(database))
            await using (var file = File.Create(export))
            {
                await AuditExport.WriteJsonLinesAsync(db, file, 0, cancellationToken);
            }

            var exportSeconds = clock.Elapsed.TotalSeconds;

            await VerifyOnceAsync(database, cancellationToken);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = ResidentMemory.Of(Environment.ProcessId);
            var peakReset = TryResetPeak();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var verify = new List<double>();
            for (var run = 0; run < options.Runs; run++)
            {
                clock.Restart();
                await VerifyOnceAsync(database, cancellationToken);
                verify.Add(clock.Elapsed.TotalMilliseconds);
            }

            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)options.Runs;
            var after = ResidentMemory.Of(Environment.ProcessId);

            var floor = new List<double>();
            for (var run = 0; run < options.Runs + 1; run++)
            {
                var outcome = await ProcessRunner.RunAsync("sha256sum", [export], TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
                if (outcome.ExitCode != 0)
                {
                    throw new BenchmarkFailure($"sha256sum failed: {outcome.StandardError}");
                }

                if (run > 0)
                {
                    floor.Add(outcome.Elapsed.TotalMilliseconds);
                }
            }

            var result = new AuditBenchResult(
                MachineSnapshot.Take(Repository.Root), options.Entries, options.Batch, writeSeconds,
                new FileInfo(database.ConnectionString["Data Source=".Length..]).Length, new FileInfo(export).Length, exportSeconds,
                verify, peakReset ? after.HwmMiB : null, before.RssMiB, allocated / (1024 * 1024), floor);
            Show(result);
            if (options.Write)
            {
                Saved(result);
            }

            return result;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task WriteAsync(DatabaseOptions database, AuditBenchOptions options, CancellationToken cancellationToken)
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var written = 0; written < options.Entries;)
        {
            // A context per save keeps the change tracker small, as the stores do.
            await using var db = SeamDbContextFactory.Create(database);
            var count = Math.Min(options.Batch, options.Entries - written);
            for (var i = 0; i < count; i++, written++)
            {
                db.AuditEntries.Add(SyntheticEntry(written, at.AddTicks(written * 3_217_000L + 123)));
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>An asset update as the API records it: before and after as JSON, a site, a summary.</summary>
    private static AuditEntry SyntheticEntry(int n, DateTimeOffset at) => new()
    {
        At = at,
        Actor = (n % 7) switch { 0 => "olga", 1 => "ivy", 2 => "cli:ops", _ => $"engineer{n % 40}" },
        Action = (n % 5) switch { 0 => "create", 1 => "delete", _ => "update" },
        EntityType = "asset",
        EntityId = $"PLC-{n % 50_000:D5}",
        SiteId = $"site-{n % 12}",
        Before = $$"""{"id":"PLC-{{n % 50_000:D5}}","criticality":{{n % 5}},"firmware":"V{{n % 9}}.{{n % 13}}.{{n % 4}}","zone":"cell-{{n % 30}}"}""",
        After = $$"""{"id":"PLC-{{n % 50_000:D5}}","criticality":{{(n + 1) % 5}},"firmware":"V{{n % 9}}.{{(n + 1) % 13}}.{{n % 4}}","zone":"cell-{{n % 30}}"}""",
        Summary = $"Asset PLC-{n % 50_000:D5} updated",
    };

    private static async Task VerifyOnceAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        await using var db = SeamDbContextFactory.Create(database);
        var result = await AuditLogVerifier.VerifyAsync(db, cancellationToken: cancellationToken);
        if (!result.Intact)
        {
            throw new BenchmarkFailure($"the freshly written log does not verify: {result.Message}");
        }
    }

    private static void Show(AuditBenchResult r)
    {
        string F(double v, string format = "N0") => v.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"Audit log, {F(r.Entries)} entries (SQLite {F(r.DatabaseBytes / 1e6, "N1")} MB, JSON lines {F(r.JsonLinesBytes / 1e6, "N1")} MB); {r.Machine}");
        Console.WriteLine($"  write through the chain: {F(r.WriteSeconds, "N1")} s ({F(r.Entries / r.WriteSeconds)} entries/s, saves of {F(r.Batch)})");
        Console.WriteLine($"  export JSON lines:       {F(r.ExportSeconds, "N1")} s");
        Console.WriteLine($"  verify, median of {r.VerifyMs.Count}:    {F(r.VerifyMedianMs)} ms  ({string.Join(", ", r.VerifyMs.Select(v => F(v)))})"
            + $" = {F(r.EntriesPerSecond)} entries/s, {F(r.MegabytesPerSecond, "N1")} MB/s of JSON lines");
        Console.WriteLine($"  verify memory:           peak RSS {(r.VerifyPeakRssMiB is { } p ? F(p, "N0") + " MiB" : "n/a")} (RSS before {F(r.RssBeforeVerifyMiB)} MiB), "
            + $"allocated {F(r.VerifyAllocatedMiB)} MiB per verify");
        Console.WriteLine($"  floor, sha256sum:        {F(r.Sha256sumMedianMs)} ms ({string.Join(", ", r.Sha256sumMs.Select(v => F(v)))}); verify takes {F(r.TimesTheFloor, "N1")}× the floor");
    }

    private static void Saved(AuditBenchResult result)
    {
        var folder = Path.Combine(Repository.Root, "bench", "results");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json"));
        File.WriteAllText(path, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + "\n");
        Console.WriteLine($"Results: {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).</summary>
    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
