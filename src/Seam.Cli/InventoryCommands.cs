using System.CommandLine;
using System.Text.Json;
using Seam.Inventory;
using Seam.Inventory.Exchange;
using Seam.Storage;
using Seam.Storage.Intelligence;
using Spectre.Console;

namespace Seam.Cli;

/// <summary><c>seam import inventory</c> and <c>seam export inventory</c>.</summary>
internal static class InventoryCommands
{
    public static Command Import()
    {
        var path = new Argument<string>("path") { Description = "A CSV or JSON file, or a folder of per-entity CSV files" };
        var mode = new Option<ImportMode>("--mode") { Description = "merge: create or replace records by id (default); replace: the files become the whole inventory", DefaultValueFactory = _ => ImportMode.Merge };
        var maxSize = new Option<int>("--max-size-mb") { Description = "Refuse files larger than this", DefaultValueFactory = _ => 100 };
        var site = new Option<string?>("--site") { Description = "Site for asset-list rows that name none" };
        var inventory = new Command("inventory", "Import sites, zones, conduits, assets, entry points, teams and people — all or nothing")
        {
            path, mode, maxSize, site, CommonOptions.Json,
        };
        inventory.SetAction(async (parse, ct) =>
        {
            var json = parse.GetValue(CommonOptions.Json);
            var set = InventoryFiles.FromPath(parse.GetValue(path)!);
            if (set.Files.Any(f => f.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) && set.Files.Any(f => f.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)))
            {
                // One inventory in two formats would collide record by record; say so once instead of once per id.
                Console.Error.WriteLine($"{parse.GetValue(path)}: holds both CSV and JSON inventory files; import the JSON file or the CSV files, not both at once.");
                return ExitCodes.InvalidInput;
            }

            if (set.Errors.Count > 0)
            {
                return Report(InventoryImportOutcome.Refused("Nothing was imported: the files could not be opened.", set.Errors), json);
            }

            var database = CommonOptions.ResolveDatabase(parse);
            await SeamDbContextFactory.PrepareAsync(database, ct);
            var contexts = new SeamDbContextFactory(database);
            var importer = new InventoryImporter(new InventoryStore(contexts, TimeProvider.System), new FindingStore(contexts, TimeProvider.System));
            var options = new ImportOptions { MaxFileBytes = parse.GetValue(maxSize) * 1024L * 1024, DefaultSiteId = parse.GetValue(site) };
            var outcome = await WithProgressAsync(json, progress =>
                importer.ImportAsync(set.Files, parse.GetValue(mode), UsersCommand.CliActor, options: options, progress: progress, cancellationToken: ct));
            return Report(outcome, json);
        });

        var command = new Command("import", "Import data from files (plants are often air-gapped: every feed is a file)");
        command.Subcommands.Add(inventory);
        foreach (var subcommand in IntelligenceCommands.ImportSubcommands())
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    public static Command Export()
    {
        var folder = new Argument<string>("folder") { Description = "Folder to write into (created when missing)" };
        var format = new Option<ExportFormat>("--format") { Description = "csv (one file per entity, the default) or json (one file, inventory.json)", DefaultValueFactory = _ => ExportFormat.Csv };
        var inventory = new Command("inventory", "Export the whole inventory as files that `seam import inventory` reads back identically") { folder, format };
        inventory.SetAction(async (parse, ct) =>
        {
            var database = CommonOptions.ResolveDatabase(parse);
            await SeamDbContextFactory.PrepareAsync(database, ct);
            var model = await new InventoryStore(new SeamDbContextFactory(database), TimeProvider.System).LoadAsync(ct);
            var target = Path.GetFullPath(parse.GetValue(folder)!);
            Directory.CreateDirectory(target);
            var written = new List<string>();
            if (parse.GetValue(format) == ExportFormat.Csv)
            {
                InventoryCsvWriter.WriteToFolder(model, target);
                written.AddRange(InventoryCsvWriter.FileNames);
            }

            else
            {
                InventoryJsonWriter.WriteToFile(model, Path.Combine(target, "inventory.json"));
                written.Add("inventory.json");
            }

            Console.WriteLine($"Exported {model.Sites.Count} sites, {model.Zones.Count} zones, {model.Conduits.Count} conduits, {model.Assets.Count} assets, " +
                $"{model.EntryPoints.Count} entry points, {model.Teams.Count} teams and {model.People.Count} people to {target} ({string.Join(", ", written)}).");
            return ExitCodes.Ok;
        });

        var command = new Command("export", "Export data as files");
        command.Subcommands.Add(inventory);
        return command;
    }

    internal enum ExportFormat
    {
        Csv,
        Json,
    }

    /// <summary>A progress bar on a terminal; silent when the output is JSON or redirected.</summary>
    internal static async Task<T> WithProgressAsync<T>(bool quiet, Func<IProgress<ImportProgress>?, Task<T>> work)
    {
        if (quiet || Console.IsOutputRedirected)
        {
            return await work(null);
        }

        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Reading and checking", maxValue: 1);
                task.IsIndeterminate = true;
                var progress = new Progress<ImportProgress>(p =>
                {
                    task.IsIndeterminate = false;
                    task.Description = $"Writing {p.Entity.ToString().ToLowerInvariant()} rows";
                    task.MaxValue = Math.Max(1, p.TotalRows);
                    task.Value = p.RowsWritten;
                });
                result = await work(progress);
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
            });
        return result;
    }

    internal static int Report(InventoryImportOutcome outcome, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                outcome.Succeeded,
                outcome.Message,
                Errors = outcome.Errors.Select(e => new { e.File, e.Line, e.Column, Column_name = e.ColumnName, e.Message, e.Expected, e.JsonPath, Location = e.ToString() }),
                Warnings = outcome.Warnings.Select(e => e.ToString()),
                Counts = outcome.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value),
                Smells = outcome.Smells.Select(s => new { s.Code, s.Entity, s.EntityId, s.Message, s.ForIt, s.ForOt }),
            }, CliJson.Options));
            return outcome.Succeeded ? ExitCodes.Ok : ExitCodes.InvalidInput;
        }

        foreach (var w in outcome.Warnings)
        {
            Console.Error.WriteLine("warning: " + w);
        }

        if (!outcome.Succeeded)
        {
            foreach (var e in outcome.Errors)
            {
                Console.Error.WriteLine(e);
            }

            Console.Error.WriteLine(outcome.Message);
            return ExitCodes.InvalidInput;
        }

        Console.WriteLine(outcome.Message);
        if (outcome.Smells.Count > 0)
        {
            Console.WriteLine($"{outcome.Smells.Count} policy smell(s) flagged (stored, not refused):");
            foreach (var s in outcome.Smells.Take(20))
            {
                Console.WriteLine($"  {s.Code}: {s.Message}");
            }

            if (outcome.Smells.Count > 20)
            {
                Console.WriteLine($"  … and {outcome.Smells.Count - 20} more (see the Overview page or GET /api/v1/inventory/problems).");
            }
        }

        return ExitCodes.Ok;
    }
}
