using System.Diagnostics;
using System.Text.Json;

namespace Seam.EndToEnd;

/// <summary>The `seam` command as a person or a script runs it: a real process, real files, real exit codes.</summary>
public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-cli-");

    private string Db(string name) => Path.Combine(work.FullName, name);

    public void Dispose() => work.Delete(recursive: true);

    [Theory]
    [InlineData("--help")]
    [InlineData("serve --help")]
    [InlineData("demo --help")]
    [InlineData("import inventory --help")]
    [InlineData("export inventory --help")]
    [InlineData("users add --help")]
    [InlineData("users list --help")]
    [InlineData("users token --help")]
    [InlineData("users reset-password --help")]
    public async Task Every_command_explains_itself(string args)
    {
        var run = await SeamCli.RunAsync(args.Split(' '));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        Assert.Contains("Description:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var run = await SeamCli.RunAsync(["frobnicate"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("frobnicate", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_exports_and_imports_back_identically()
    {
        var first = await SeamCli.RunAsync(["demo", "--db", Db("a.db")]);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 sites", first.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await SeamCli.RunAsync(["export", "inventory", Path.Combine(work.FullName, "out"), "--db", Db("a.db")])).ExitCode);
        var import = await SeamCli.RunAsync(["import", "inventory", Path.Combine(work.FullName, "out"), "--db", Db("b.db"), "--json"]);
        Assert.Equal(0, import.ExitCode);
        using var result = JsonDocument.Parse(import.Output);
        Assert.True(result.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal(391, result.RootElement.GetProperty("counts").GetProperty("Asset").GetProperty("created").GetInt32());

        Assert.Equal(0, (await SeamCli.RunAsync(["export", "inventory", Path.Combine(work.FullName, "again"), "--db", Db("b.db")])).ExitCode);
        foreach (var file in Directory.GetFiles(Path.Combine(work.FullName, "out")))
        {
            Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(Path.Combine(work.FullName, "again", Path.GetFileName(file))));
        }
    }

    [Fact]
    public async Task Loading_the_demo_twice_is_refused_without_force()
    {
        Assert.Equal(0, (await SeamCli.RunAsync(["demo", "--db", Db("a.db")])).ExitCode);

        var again = await SeamCli.RunAsync(["demo", "--db", Db("a.db")]);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_file_exits_with_3_and_names_file_line_and_column()
    {
        var csv = Path.Combine(work.FullName, "assets.csv");
        await File.WriteAllTextAsync(csv, "id,site,name,criticality\nx,nowhere,X,high-ish\n");

        var run = await SeamCli.RunAsync(["import", "inventory", csv, "--db", Db("a.db")]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("assets.csv:2:4", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_are_created_without_echoing_the_password_and_short_passwords_are_refused()
    {
        var refused = await SeamCli.RunAsync(["users", "add", "bob", "--role", "viewer", "--db", Db("a.db"), "--password-stdin"], stdin: "short\n");
        var created = await SeamCli.RunAsync(["users", "add", "alice", "--role", "engineer", "--db", Db("a.db"), "--password-stdin"], stdin: "a-long-enough-passphrase\n");
        var list = await SeamCli.RunAsync(["users", "list", "--json", "--db", Db("a.db")]);

        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("12 characters", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, created.ExitCode);
        Assert.DoesNotContain("a-long-enough-passphrase", created.Output + created.Error, StringComparison.Ordinal);
        using var users = JsonDocument.Parse(list.Output);
        var alice = Assert.Single(users.RootElement.EnumerateArray());
        Assert.Equal("engineer@*", alice.GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task A_users_email_is_changed_and_removed_and_a_bad_address_is_refused()
    {
        await SeamCli.RunAsync(["users", "add", "carla", "--role", "viewer", "--email", "carla@old.example", "--db", Db("a.db"), "--password-stdin"], stdin: "a-long-enough-passphrase\n");

        var bad = await SeamCli.RunAsync(["users", "set-email", "carla", "carla at example", "--db", Db("a.db")]);
        var missing = await SeamCli.RunAsync(["users", "set-email", "nobody", "x@example.org", "--db", Db("a.db")]);
        var changed = await SeamCli.RunAsync(["users", "set-email", "carla", "carla@new.example", "--db", Db("a.db")]);
        var listed = await SeamCli.RunAsync(["users", "list", "--json", "--db", Db("a.db")]);

        Assert.Equal((3, 4, 0), (bad.ExitCode, missing.ExitCode, changed.ExitCode));
        Assert.Contains("not an email address", bad.Error, StringComparison.Ordinal);
        using (var users = JsonDocument.Parse(listed.Output))
        {
            Assert.Equal("carla@new.example", Assert.Single(users.RootElement.EnumerateArray()).GetProperty("email").GetString());
        }

        Assert.Equal(0, (await SeamCli.RunAsync(["users", "set-email", "carla", "-", "--db", Db("a.db")])).ExitCode);
        using var after = JsonDocument.Parse((await SeamCli.RunAsync(["users", "list", "--json", "--db", Db("a.db")])).Output);
        var carla = Assert.Single(after.RootElement.EnumerateArray());
        Assert.True(!carla.TryGetProperty("email", out var email) || email.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Serve_demo_loads_the_demo_and_prints_how_to_sign_in()
    {
        await using var server = await SeamServerProcess.StartAsync(Db("demo.db"), demo: true);

        Assert.Matches("Sign in as admin with password [A-Za-z0-9]{20}", server.Output);
        using var http = new HttpClient();
        var health = await http.GetStringAsync(server.BaseUrl + "/health");
        Assert.Contains("healthy", health, StringComparison.Ordinal);
    }
}

internal static class SeamCli
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static async Task<Run> RunAsync(string[] args, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SeamServerProcess.CliPath());
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("SEAM_DB");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await output, await error);
    }
}
