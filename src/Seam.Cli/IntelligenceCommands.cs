using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seam.Intelligence.Feeds;
using Seam.Intelligence.Findings;
using Seam.Storage;
using Seam.Storage.Intelligence;
using Spectre.Console;

namespace Seam.Cli;

/// <summary><c>seam import csaf|kev|epss|nvd</c> and <c>seam findings</c>.</summary>
internal static class IntelligenceCommands
{
    public static IEnumerable<Command> ImportSubcommands()
    {
        yield return Csaf();
        yield return Feed("kev", "Import CISA's Known Exploited Vulnerabilities catalog (JSON or CSV); the stored catalog becomes the file's",
            (importer, stream, name, ct) => FeedImports.ImportKevAsync(importer, stream, name, UsersCommand.CliActor, ct));
        yield return Feed("epss", "Import FIRST EPSS scores (the daily CSV, plain or gzip); scores are updated by CVE",
            (importer, stream, name, ct) => FeedImports.ImportEpssAsync(importer, stream, name, UsersCommand.CliActor, ct));
        yield return Feed("nvd", "Import an NVD CVE JSON 2.0 file: descriptions, CVSS vectors, weaknesses, CPE configurations",
            (importer, stream, name, ct) => FeedImports.ImportNvdAsync(importer, stream, name, UsersCommand.CliActor, ct));
    }

    private static Command Csaf()
    {
        var path = new Argument<string>("path") { Description = "A CSAF JSON file, a folder (searched recursively), a .zip or a .tar.gz" };
        var keys = new Option<string?>("--trusted-keys") { Description = "An armored OpenPGP public key file, or a folder of them, whose signatures (.asc) are trusted" };
        var requireSignature = new Option<bool>("--require-signature") { Description = "Reject documents without a valid signature by a trusted key" };
        var command = new Command("csaf", "Import CSAF 2.0 advisories; each document is all-or-nothing, and the summary lists what was rejected and why")
        {
            path, keys, requireSignature, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var json = parse.GetValue(CommonOptions.Json);
            var source = parse.GetValue(path)!;
            if (!File.Exists(source) && !Directory.Exists(source))
            {
                Console.Error.WriteLine($"{source}: no such file or folder.");
                return ExitCodes.NotFound;
            }

            AdvisorySourceOptions options;
            try
            {
                options = AdvisorySourceOptions.Create(parse.GetValue(keys), parse.GetValue(requireSignature));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.InvalidInput;
            }

            var database = CommonOptions.ResolveDatabase(parse);
            await SeamDbContextFactory.PrepareAsync(database, ct);
            var importer = new AdvisoryImporter(new SeamDbContextFactory(database), TimeProvider.System);
            var inputs = AdvisorySources.Read([source], options);
            var summary = await WithDocumentProgressAsync(json, progress => importer.ImportAsync(inputs, UsersCommand.CliActor, progress, ct));
            return Report(summary, json);
        });
        return command;
    }

    private static Command Feed(string name, string description, Func<FeedImporter, Stream, string, CancellationToken, Task<FeedImportResult>> import)
    {
        var path = new Argument<string>("path") { Description = "The feed file" };
        var command = new Command(name, description) { path, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(path)!;
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"{file}: no such file.");
                return ExitCodes.NotFound;
            }

            var database = CommonOptions.ResolveDatabase(parse);
            await SeamDbContextFactory.PrepareAsync(database, ct);
            var importer = new FeedImporter(new SeamDbContextFactory(database), TimeProvider.System);
            try
            {
                await using var stream = File.OpenRead(file);
                var result = await import(importer, stream, file, ct);
                Console.WriteLine(parse.GetValue(CommonOptions.Json) ? JsonSerializer.Serialize(result, CliJson.Options) : result.ToString());
                return ExitCodes.Ok;
            }
            catch (FeedFormatException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine("Nothing was imported.");
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }

    public static Command Findings()
    {
        var asset = new Option<string?>("--asset") { Description = "Only this asset's findings (asset id)" };
        var site = new Option<string?>("--site") { Description = "Only this site's findings" };
        var state = new Option<string?>("--state") { Description = "Comma-separated states: open, mitigated, accepted, fixed, not-affected (default: all)" };
        var vulnerability = new Option<string?>("--vulnerability") { Description = "Only this CVE" };
        var limit = new Option<int>("--limit") { Description = "At most this many rows", DefaultValueFactory = _ => 200 };
        var command = new Command("findings", "Vulnerabilities matched to assets, highest CVSS first, each with why it matched")
        {
            asset, site, state, vulnerability, limit, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var states = new List<FindingState>();
            foreach (var text in (parse.GetValue(state) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!FindingStates.TryParse(text, out var parsed))
                {
                    Console.Error.WriteLine($"--state: '{text}' is not a finding state (open, mitigated, accepted, fixed, not-affected).");
                    return ExitCodes.Usage;
                }

                states.Add(parsed);
            }

            var database = CommonOptions.ResolveDatabase(parse);
            await SeamDbContextFactory.PrepareAsync(database, ct);
            await using var db = new SeamDbContextFactory(database).Create();
            var assetId = parse.GetValue(asset);
            if (assetId is not null && !await db.Assets.AnyAsync(a => a.Id == assetId, ct))
            {
                Console.Error.WriteLine($"--asset: there is no asset with id '{assetId}'.");
                return ExitCodes.NotFound;
            }

            var filtered = IntelligenceQueries.Filter(db, new FindingFilter(assetId, parse.GetValue(site), parse.GetValue(vulnerability), States: states));
            var total = await filtered.CountAsync(ct);
            var rows = await IntelligenceQueries.PageAsync(db, filtered.OrderByDescending(f => f.CvssScore).ThenBy(f => f.Id), 0, parse.GetValue(limit), ct);
            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { total, findings = rows }, CliJson.Options));
                return ExitCodes.Ok;
            }

            if (rows.Count == 0)
            {
                Console.WriteLine("No findings match.");
                return ExitCodes.Ok;
            }

            foreach (var r in rows)
            {
                var evidence = (r.InKev ? " KEV" : string.Empty) + (r.EpssPercentile is { } p ? $" EPSS p{p * 100:0}" : string.Empty);
                Console.WriteLine($"{r.VulnerabilityId,-18} {r.CvssScore?.ToString("0.0") ?? "  – ",4} {r.State,-11} {r.Confidence,-14} {r.AssetId} ({r.AssetName}){evidence}");
                Console.WriteLine($"    {r.Explanation}");
            }

            Console.WriteLine(total > rows.Count ? $"{rows.Count} of {total} findings shown (--limit)." : $"{total} finding(s).");
            return ExitCodes.Ok;
        });

        var refresh = new Command("refresh", "Re-match every stored advisory against the current inventory");
        refresh.SetAction(async (parse, ct) =>
        {
            var database = CommonOptions.ResolveDatabase(parse);
            await SeamDbContextFactory.PrepareAsync(database, ct);
            var result = await new FindingStore(new SeamDbContextFactory(database), TimeProvider.System).RefreshAsync(UsersCommand.CliActor, cancellationToken: ct);
            Console.WriteLine($"Re-matched {result.Advisories} advisories: {result.Created} finding(s) created, {result.Updated} updated, {result.Removed} removed with their assets.");
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(refresh);
        return command;
    }

    private static async Task<AdvisoryImportSummary> WithDocumentProgressAsync(bool quiet, Func<IProgress<AdvisoryImportProgress>?, Task<AdvisoryImportSummary>> work)
    {
        if (quiet || Console.IsOutputRedirected)
        {
            return await work(null);
        }

        AdvisoryImportSummary result = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Importing advisories");
                task.IsIndeterminate = true;
                var progress = new Progress<AdvisoryImportProgress>(p => task.Description = $"{p.Done} documents · {Markup.Escape(p.Current)}");
                result = await work(progress);
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static int Report(AdvisoryImportSummary summary, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                summary = summary.ToString(),
                summary.Imported,
                summary.Updated,
                summary.Unchanged,
                summary.Rejected,
                summary.FindingsCreated,
                summary.FindingsUpdated,
                documents = summary.Results,
            }, CliJson.Options));
        }
        else
        {
            foreach (var rejected in summary.Rejections)
            {
                Console.Error.WriteLine($"rejected {rejected.Name}{(rejected.AdvisoryId is null ? string.Empty : $" ({rejected.AdvisoryId})")}:");
                foreach (var reason in rejected.Reasons)
                {
                    Console.Error.WriteLine($"  {reason}");
                }
            }

            Console.WriteLine(summary.ToString());
        }

        return summary.Rejected > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }
}
