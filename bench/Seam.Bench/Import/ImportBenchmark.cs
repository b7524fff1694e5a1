using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Seam.Bench.Harness;
using Seam.Inventory;
using Seam.Inventory.Demo;
using Seam.Inventory.Exchange;
using Seam.Storage;
using Seam.Testing.Databases;

namespace Seam.Bench.Import;

/// <param name="Rows">Rows written per run: all seven tables for Seam, assets.csv for the peer.</param>
/// <param name="Runs">Every measured run in seconds, in order; the warm-up is not among them.</param>
public sealed record ImportVariant(string Name, long Rows, Stats Seconds, IReadOnlyList<double> Runs)
{
    public double RowsPerSecond => Rows / Seconds.Median;
}

public sealed record ImportResult(
    MachineSnapshot Machine,
    int Assets,
    long TotalRows,
    long CsvBytes,
    double GenerateSeconds,
    int Warmup,
    int Repetitions,
    IReadOnlyList<ImportVariant> Variants,
    double SeamPostgresOverCopy,
    double SeamPostgresOverCopyPlain,
    double SeamSqliteOverCopy,
    string? LoadAverageAfter);

/// <summary>
/// Seam's full import (read the CSV folder, validate, bulk write in one transaction) into empty migrated SQLite and
/// PostgreSQL databases, against PostgreSQL's own \copy of the same assets.csv. Each variant: warm-up, then repetitions;
/// the median counts. Database creation and migration are outside the timed part, as they are not part of an import.
/// </summary>
public sealed class ImportBenchmark(BenchArguments arguments)
{
    public const int DefaultAssets = 100_000;

    public async Task<ImportResult> RunAsync(CancellationToken cancellationToken)
    {
        var assets = arguments.Assets ?? DefaultAssets;
        var warmup = arguments.Warmup < 0 ? 1 : arguments.Warmup;
        var machine = MachineSnapshot.Take(Repository.Root);

        var clock = Stopwatch.StartNew();
        var model = DemoPlant.CreateScaled(assets, arguments.Seed);
        var generated = clock.Elapsed.TotalSeconds;
        var folder = Path.Combine(Path.GetTempPath(), "seam-bench-import-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            InventoryCsvWriter.WriteToFolder(model, folder);
            var fileSet = InventoryFiles.FromPath(folder);
            if (fileSet.Errors.Count > 0)
            {
                throw new BenchmarkFailure($"The generated CSV folder has errors: {fileSet.Errors[0]}");
            }

            var totalRows = (long)model.Teams.Count + model.People.Count + model.Sites.Count + model.Zones.Count
                + model.Conduits.Count + model.Assets.Count + model.EntryPoints.Count;
            var csvBytes = fileSet.Files.Sum(f => f.Length);
            Console.WriteLine($"Generated {assets:N0} assets ({totalRows:N0} rows, {csvBytes / 1e6:0.0} MB of CSV) in {generated:0.0} s.");

            var postgres = await PostgresTestServer.GetAsync();
            var peer = new PsqlCopyPeer(postgres, Path.Combine(folder, "assets.csv"), model);

            var variants = new List<ImportVariant>
            {
                await MeasureAsync("Seam import → SQLite", totalRows, warmup,
                    () => SeamImportOnceAsync(DatabaseProvider.Sqlite, fileSet.Files, assets, cancellationToken)),
                await MeasureAsync("Seam import → PostgreSQL", totalRows, warmup,
                    () => SeamImportOnceAsync(DatabaseProvider.Postgres, fileSet.Files, assets, cancellationToken)),
                await MeasureAsync("psql \\copy → text table", assets, warmup,
                    () => peer.CopyOnceAsync(PeerTable.PlainText, cancellationToken)),
                await MeasureAsync("psql \\copy → assets-shaped table", assets, warmup,
                    () => peer.CopyOnceAsync(PeerTable.SeamShape, cancellationToken)),
            };

            double Median(int i) => variants[i].Seconds.Median;
            return new ImportResult(machine, assets, totalRows, csvBytes, generated, warmup, arguments.Repetitions, variants,
                SeamPostgresOverCopy: Median(1) / Median(3),
                SeamPostgresOverCopyPlain: Median(1) / Median(2),
                SeamSqliteOverCopy: Median(0) / Median(3),
                MachineSnapshot.LoadAverageNow());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<ImportVariant> MeasureAsync(string name, long rows, int warmup, Func<Task<TimeSpan>> once)
    {
        var runs = new List<double>();
        for (var i = 0; i < warmup + arguments.Repetitions; i++)
        {
            // A collection left over from the previous run would otherwise land in this one.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var seconds = (await once()).TotalSeconds;
            var measured = i >= warmup;
            Console.WriteLine($"  {name}: {(measured ? "run " + (i - warmup + 1) : "warm-up")} {seconds:0.000} s");
            if (measured)
            {
                runs.Add(seconds);
            }
        }

        return new ImportVariant(name, rows, Stats.Of(runs), runs);
    }

    private static async Task<TimeSpan> SeamImportOnceAsync(
        DatabaseProvider provider, IReadOnlyList<InventoryFile> files, int expectedAssets, CancellationToken cancellationToken)
    {
        await using var database = await TestDatabase.CreateAsync(provider, cancellationToken);
        var importer = new InventoryImporter(database.CreateInventoryStore());

        var clock = Stopwatch.StartNew();
        var outcome = await importer.ImportAsync(files, ImportMode.Merge, "bench", cancellationToken: cancellationToken);
        clock.Stop();

        if (!outcome.Succeeded)
        {
            var first = outcome.Errors.Count > 0 ? ": " + outcome.Errors[0] : "";
            throw new BenchmarkFailure($"Seam's import into {provider} was refused: {outcome.Message}{first}");
        }

        await using var db = database.CreateContext();
        var stored = await db.Assets.CountAsync(cancellationToken);
        if (stored != expectedAssets)
        {
            throw new BenchmarkFailure($"Seam's import into {provider} stored {stored} assets, not {expectedAssets}.");
        }

        return clock.Elapsed;
    }
}
