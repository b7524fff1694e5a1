using System.CommandLine;
using System.Text.Json;
using Seam.Audit;
using Seam.Storage;
using Seam.Storage.Audit;

namespace Seam.Cli;

/// <summary><c>seam audit verify | anchor | export</c>: checks the hash chain of the audit log, records its head, exports it (docs/audit.md).</summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var command = new Command("audit", "The tamper-evident audit log: verify its hash chain, anchor its head, export it as JSON lines (docs/audit.md)");
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Anchor());
        command.Subcommands.Add(Export());
        return command;
    }

    private static Command Verify()
    {
        var anchor = new Option<string?>("--anchor")
        {
            Description = "A file of heads recorded by 'seam audit anchor'; each must still be in the log (catches deleted latest entries)",
        };
        var command = new Command("verify", "Check every audit entry against its hash; exit 1 naming the first entry that was edited, deleted, moved or forged")
        {
            anchor, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<AuditAnchor> anchors = [];
            if (parse.GetValue(anchor) is { } path)
            {
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine($"{path}: no such file.");
                    return ExitCodes.NotFound;
                }

                var (read, error) = AuditAnchorFile.Parse(await File.ReadAllTextAsync(path, ct), path);
                if (error is not null)
                {
                    Console.Error.WriteLine(error);
                    return ExitCodes.InvalidInput;
                }

                anchors = read;
            }

            var result = await VerifyAsync(parse, anchors, ct);
            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
            }
            else if (result.Intact)
            {
                Console.WriteLine($"The audit log is intact: {result.Message}");
                Console.WriteLine($"Head: entry {result.Head!.LastId}, hash {result.Head.LastHash}"
                    + (anchors.Count > 0 ? $"; {anchors.Count} anchor(s) hold." : "."));
            }
            else
            {
                Console.WriteLine($"The audit log is broken at entry {result.FirstBrokenId} ({Label(result.Kind!.Value)}): {result.Message}.");
            }

            return result.Intact ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static Command Anchor()
    {
        var append = new Option<string?>("--append") { Description = "Also append the head as one JSON line to this file (keep it away from the database)" };
        var command = new Command("anchor", "Verify the log and print its head (latest id, hash, count) as a JSON line, to keep elsewhere for 'verify --anchor'")
        {
            append,
        };
        command.SetAction(async (parse, ct) =>
        {
            var result = await VerifyAsync(parse, [], ct);
            if (!result.Intact)
            {
                Console.Error.WriteLine($"Not anchored: the audit log is broken at entry {result.FirstBrokenId} ({Label(result.Kind!.Value)}): {result.Message}.");
                return ExitCodes.Failure;
            }

            var line = AuditAnchorFile.Line(result.Head!, TimeProvider.System.GetUtcNow());
            Console.WriteLine(line);
            if (parse.GetValue(append) is { } path)
            {
                await File.AppendAllTextAsync(path, line + "\n", ct);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Export()
    {
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var afterId = new Option<long>("--after-id") { Description = "Only entries with a greater id (to ship what is new since the last export)", DefaultValueFactory = _ => 0 };
        var command = new Command("export", "Write the audit log as JSON lines for a SIEM: one object per entry, with its hash and the previous entry's hash")
        {
            output, afterId,
        };
        command.SetAction(async (parse, ct) =>
        {
            var after = parse.GetValue(afterId);
            if (after < 0)
            {
                Console.Error.WriteLine($"--after-id: expected an entry id of 0 or more, got {after}.");
                return ExitCodes.Usage;
            }

            var database = CommonOptions.ResolveDatabase(parse);
            await SeamDbContextFactory.PrepareAsync(database, ct);
            await using var db = SeamDbContextFactory.Create(database);
            if (parse.GetValue(output) is not { } path)
            {
                await using var stdout = Console.OpenStandardOutput();
                await AuditExport.WriteJsonLinesAsync(db, stdout, after, ct);
                return ExitCodes.Ok;
            }

            // Written beside the target and moved into place, so a failed export never leaves half a file.
            var partial = path + ".partial";
            long count;
            await using (var file = File.Create(partial))
            {
                count = await AuditExport.WriteJsonLinesAsync(db, file, after, ct);
            }

            File.Move(partial, path, overwrite: true);
            Console.WriteLine($"{count} audit entr{(count == 1 ? "y" : "ies")} written to {path}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<AuditVerification> VerifyAsync(ParseResult parse, IReadOnlyList<AuditAnchor> anchors, CancellationToken ct)
    {
        var database = CommonOptions.ResolveDatabase(parse);
        await SeamDbContextFactory.PrepareAsync(database, ct);
        await using var db = SeamDbContextFactory.Create(database);
        return await AuditLogVerifier.VerifyAsync(db, anchors, cancellationToken: ct);
    }

    private static string Label(AuditBreakKind kind) => kind switch
    {
        AuditBreakKind.Edited => "edited",
        AuditBreakKind.Rewritten => "replaced, moved or forged",
        AuditBreakKind.Deleted => "entries deleted",
        AuditBreakKind.Unhashed => "hash removed",
        AuditBreakKind.OutOfOrder => "out of order",
        AuditBreakKind.AnchorMismatch => "differs from an anchor",
        AuditBreakKind.Truncated => "latest entries deleted",
        _ => kind.ToString(),
    };
}
