using System.Text.Json;
using Microsoft.Data.Sqlite;
using Seam.Audit;

namespace Seam.EndToEnd;

/// <summary>`seam audit` on a real SQLite file, tampered with as someone holding the file would: straight through SQLite.</summary>
public sealed class AuditCliTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-audit-cli-");

    private string Db => Path.Combine(work.FullName, "plant.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        work.Delete(recursive: true);
    }

    [Theory]
    [InlineData("audit --help")]
    [InlineData("audit verify --help")]
    [InlineData("audit anchor --help")]
    [InlineData("audit export --help")]
    public async Task Every_audit_command_explains_itself(string args)
    {
        var run = await SeamCli.RunAsync(args.Split(' '));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_passes_an_untouched_log_and_names_the_entry_edited_with_sql()
    {
        Assert.Equal(0, (await SeamCli.RunAsync(["demo", "--db", Db])).ExitCode);

        var intact = await SeamCli.RunAsync(["audit", "verify", "--db", Db]);
        Assert.Equal(0, intact.ExitCode);
        Assert.StartsWith("The audit log is intact: ", intact.Output, StringComparison.Ordinal);

        var victim = await ExecuteAsync("""SELECT "Id" FROM audit_entries ORDER BY "Id" LIMIT 1 OFFSET 1""");
        await ExecuteAsync($"""UPDATE audit_entries SET "Summary" = 'nothing happened' WHERE "Id" = {victim}""");

        var broken = await SeamCli.RunAsync(["audit", "verify", "--db", Db]);
        Assert.Equal(1, broken.ExitCode);
        Assert.StartsWith($"The audit log is broken at entry {victim} (edited): entry {victim} (", broken.Output, StringComparison.Ordinal);

        var json = await SeamCli.RunAsync(["audit", "verify", "--db", Db, "--json"]);
        Assert.Equal(1, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.False(document.RootElement.GetProperty("intact").GetBoolean());
        Assert.Equal((long)victim!, document.RootElement.GetProperty("firstBrokenId").GetInt64());
        Assert.Equal("edited", document.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_deleted_latest_entry_is_caught_by_the_anchor()
    {
        Assert.Equal(0, (await SeamCli.RunAsync(["demo", "--db", Db])).ExitCode);
        var anchors = Path.Combine(work.FullName, "anchors.jsonl");
        var anchor = await SeamCli.RunAsync(["audit", "anchor", "--db", Db, "--append", anchors]);
        Assert.Equal(0, anchor.ExitCode);
        var last = await ExecuteAsync("""SELECT MAX("Id") FROM audit_entries""");
        Assert.Contains($"\"id\":{last}", anchor.Output, StringComparison.Ordinal);

        await ExecuteAsync($"""DELETE FROM audit_entries WHERE "Id" = {last}""");

        Assert.Equal(0, (await SeamCli.RunAsync(["audit", "verify", "--db", Db])).ExitCode);
        var anchored = await SeamCli.RunAsync(["audit", "verify", "--db", Db, "--anchor", anchors]);
        Assert.Equal(1, anchored.ExitCode);
        Assert.Contains($"broken at entry {last} (latest entries deleted)", anchored.Output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(anchors, "{\"id\":3}\n");
        var bad = await SeamCli.RunAsync(["audit", "verify", "--db", Db, "--anchor", anchors]);
        Assert.Equal(3, bad.ExitCode);
        Assert.Contains("anchors.jsonl:1: expected a positive \"id\" and a \"hash\" of 64 hex digits", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_one_json_object_per_entry_that_recomputes_the_chain()
    {
        Assert.Equal(0, (await SeamCli.RunAsync(["demo", "--db", Db])).ExitCode);
        var file = Path.Combine(work.FullName, "audit.jsonl");

        var run = await SeamCli.RunAsync(["audit", "export", "--db", Db, "--out", file]);

        Assert.Equal(0, run.ExitCode);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal($"{lines.Length} audit entries written to {file}.", run.Output.Trim());
        Assert.True(lines.Length >= 2);
        var previous = AuditChain.Genesis;
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var e = json.RootElement;
            Assert.Equal(previous, e.GetProperty("previousHash").GetString());
            var entry = new AuditEntry
            {
                Id = e.GetProperty("id").GetInt64(),
                At = new DateTimeOffset(e.GetProperty("atUtcTicks").GetInt64(), TimeSpan.Zero),
                Actor = e.GetProperty("actor").GetString()!,
                Action = e.GetProperty("action").GetString()!,
                EntityType = e.GetProperty("entityType").GetString()!,
                EntityId = e.GetProperty("entityId").GetString(),
                SiteId = e.GetProperty("siteId").GetString(),
                Before = e.GetProperty("before").GetString(),
                After = e.GetProperty("after").GetString(),
                Summary = e.GetProperty("summary").GetString(),
            };
            Assert.Equal(e.GetProperty("at").GetDateTimeOffset(), entry.At);
            previous = AuditChain.Link(previous, entry);
            Assert.Equal(previous, e.GetProperty("hash").GetString());
        }

        var tail = await SeamCli.RunAsync(["audit", "export", "--db", Db, "--after-id", $"{lines.Length - 1}"]);
        Assert.Equal(0, tail.ExitCode);
        Assert.Equal(lines[^1], tail.Output.TrimEnd('\n'));
    }

    private async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
