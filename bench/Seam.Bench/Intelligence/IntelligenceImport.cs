using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Seam.Bench.Harness;
using Seam.Bench.Import;
using Seam.Inventory;
using Seam.Storage;
using Seam.Storage.Intelligence;
using Seam.Testing.Databases;

namespace Seam.Bench.Intelligence;

/// <summary>One timed step of the import: what it wrote and how long it took.</summary>
/// <param name="Seconds">Null when the step failed; <paramref name="Detail"/> then holds the error.</param>
public sealed record ImportStep(string Name, double? Seconds, long Items, string Unit, string Detail)
{
    public double? ItemsPerSecond => Items / Seconds;
}

/// <param name="PlantSeconds">Storing the asset plant before the intelligence import; timed, but not part of it.</param>
/// <param name="MatcherSeconds">Loading the stored assets and building the asset index, measured once on its own;
/// the advisory step does the same at its start, so this is part of that step's time.</param>
public sealed record ProviderImport(
    DatabaseProvider Provider,
    double PlantSeconds,
    double MatcherSeconds,
    IReadOnlyList<ImportStep> Steps,
    int Imported,
    int Rejected,
    IReadOnlyList<string> RejectionReasons,
    int FindingsCreated,
    IReadOnlyDictionary<string, int> Sha512Checks,
    long FindingsStored,
    IReadOnlyList<string> Failures)
{
    /// <summary>The steps that completed; a failed step has no time.</summary>
    public double TotalSeconds => Steps.Sum(s => s.Seconds ?? 0);
}

/// <param name="Seconds">The five <c>\copy</c> processes together.</param>
public sealed record EpssCopyPeer(long Rows, double Seconds, IReadOnlyList<double> PerFile);

/// <summary>
/// The whole intelligence import into a fresh database, step by step, as <c>seam import</c> runs it: the CSAF folder
/// through <see cref="AdvisorySources"/> (sidecar hashes checked) and <see cref="AdvisoryImporter"/>, then the KEV
/// JSON and the EPSS files through <see cref="FeedImports"/>. The asset plant is stored first with
/// <see cref="InventoryStore.ApplyAsync"/>, timed on its own line.
/// </summary>
public sealed class IntelligenceImport(IntelligenceCorpus corpus, InventoryModel plant)
{
    private const string Actor = "bench";

    public async Task<ProviderImport> RunAsync(DatabaseProvider provider, CancellationToken cancellationToken)
    {
        await using var database = await TestDatabase.CreateAsync(provider, cancellationToken);
        var contexts = new SeamDbContextFactory(database.Options);

        var clock = Stopwatch.StartNew();
        var written = await database.CreateInventoryStore().ApplyAsync(plant, ImportMode.Replace, Actor, null, cancellationToken);
        var plantSeconds = clock.Elapsed.TotalSeconds;
        if (!written.Applied)
        {
            throw new BenchmarkFailure($"The asset plant was not stored in {provider}: {written.Problems.FirstOrDefault()}");
        }

        Console.WriteLine($"  {provider}: stored {plant.Assets.Count:N0} assets in {plantSeconds:0.0} s (not part of the import)");

        var advisories = new AdvisoryImporter(contexts, TimeProvider.System);
        clock.Restart();
        var loaded = await advisories.LoadMatcherAsync(cancellationToken);
        var matcherSeconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(loaded);

        var steps = new List<ImportStep>();
        var sha512 = new Dictionary<string, int>(StringComparer.Ordinal);
        clock.Restart();
        var summary = await advisories.ImportAsync(Counted(AdvisorySources.Read([corpus.CsafFolder], new AdvisorySourceOptions()), sha512), Actor,
            cancellationToken: cancellationToken);
        steps.Add(new ImportStep("CSAF advisories", clock.Elapsed.TotalSeconds, summary.Total, "documents",
            string.Create(CultureInfo.InvariantCulture, $"{summary.Imported} imported, {summary.Rejected} rejected, {summary.FindingsCreated:N0} findings created")));
        if (summary.Imported == 0)
        {
            var first = summary.Rejections.FirstOrDefault();
            throw new BenchmarkFailure($"{provider}: no advisory was imported; first rejection: {first?.Name}: {first?.Reasons.FirstOrDefault()}");
        }

        Console.WriteLine($"  {provider}: {steps[^1].Name} {steps[^1].Seconds:0.00} s — {steps[^1].Detail}");

        var feeds = new FeedImporter(contexts, TimeProvider.System);
        var failures = new List<string>();
        await StepAsync(steps, failures, provider, "KEV catalog (JSON)", "entries", corpus.KevJson,
            (stream, name) => FeedImports.ImportKevAsync(feeds, stream, name, Actor, cancellationToken), r => r.Added);
        foreach (var path in corpus.EpssFiles)
        {
            await StepAsync(steps, failures, provider, $"EPSS {Path.GetFileName(path)}", "scores", path,
                (stream, name) => FeedImports.ImportEpssAsync(feeds, stream, name, Actor, cancellationToken), r => r.Added + r.Updated);
        }

        await using var db = database.CreateContext();
        var findings = await db.Findings.LongCountAsync(cancellationToken);
        if (findings != summary.FindingsCreated)
        {
            throw new BenchmarkFailure($"{provider}: the import reported {summary.FindingsCreated} findings created, but {findings} are stored.");
        }

        var reasons = summary.Rejections.Select(r => $"{Path.GetFileName(r.Name)}: {r.Reasons.FirstOrDefault()}").ToList();
        return new ProviderImport(provider, plantSeconds, matcherSeconds, steps, summary.Imported, summary.Rejected, reasons,
            summary.FindingsCreated, sha512, findings, failures);
    }

    /// <summary>
    /// One feed file, timed from opening it to the commit. A step that throws is recorded with its error and the run goes
    /// on, so that one broken step does not hide the other numbers; the mode still ends with exit code 1.
    /// </summary>
    private static async Task StepAsync(List<ImportStep> steps, List<string> failures, DatabaseProvider provider, string name, string unit,
        string path, Func<Stream, string, Task<FeedImportResult>> import, Func<FeedImportResult, long> items)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await using var stream = File.OpenRead(path);
            var result = await import(stream, Path.GetFileName(path));
            steps.Add(new ImportStep(name, clock.Elapsed.TotalSeconds, items(result), unit, result.ToString()));
            Console.WriteLine($"  {provider}: {name} {steps[^1].Seconds:0.00} s — {steps[^1].Items:N0} {unit}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var failure = $"{provider}, {name}: {e.GetType().Name}: {e.Message}";
            failures.Add(failure);
            steps.Add(new ImportStep(name, null, 0, unit, "FAILED: " + e.Message));
            Console.WriteLine($"  {failure}");
        }
    }

    /// <summary>
    /// The peer for the EPSS step: psql's <c>\copy</c> of the same five files into a table shaped like Seam's
    /// <c>epss_scores</c> (primary key on the CVE id), each file as its own process, the way an administrator loads CSV.
    /// </summary>
    public async Task<EpssCopyPeer> CopyEpssAsync(CancellationToken cancellationToken)
    {
        var server = await PostgresTestServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync(cancellationToken);
        try
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand(
                    "CREATE TABLE epss_peer (cve_id varchar(32) PRIMARY KEY, probability double precision NOT NULL, " +
                    "percentile double precision NOT NULL, model_version varchar(32), score_date date)", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var perFile = new List<double>();
            long rows = 0;
            foreach (var path in corpus.EpssFiles)
            {
                var copy = $"\\copy epss_peer (cve_id, probability, percentile) FROM '{path.Replace("'", "''", StringComparison.Ordinal)}' WITH (FORMAT csv, DELIMITER ';')";
                var outcome = await PsqlCopyPeer.RunPsqlAsync(connectionString, copy, cancellationToken);
                var reported = outcome.StandardOutput.Trim();
                if (outcome.ExitCode != 0 || !reported.StartsWith("COPY ", StringComparison.Ordinal))
                {
                    throw new BenchmarkFailure($"psql \\copy of {path} failed (exit {outcome.ExitCode}): {reported}{outcome.StandardError}");
                }

                rows += long.Parse(reported["COPY ".Length..], CultureInfo.InvariantCulture);
                perFile.Add(outcome.Elapsed.TotalSeconds);
            }

            return new EpssCopyPeer(rows, perFile.Sum(), perFile);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>Passes the inputs through, tallying their sidecar hash checks, so the report shows the checks really ran.</summary>
    private static IEnumerable<AdvisoryInput> Counted(IEnumerable<AdvisoryInput> inputs, Dictionary<string, int> checks)
    {
        foreach (var input in inputs)
        {
            var key = Outcome(input.Sha512Check);
            checks[key] = checks.GetValueOrDefault(key) + 1;
            yield return input;
        }
    }

    /// <summary>The check's message without the file names in it, so that equal outcomes count together.</summary>
    private static string Outcome(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 ? message[(colon + 2)..] : message;
    }
}
