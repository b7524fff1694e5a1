using System.Text.Json;

namespace Seam.EndToEnd;

/// <summary>`seam exposure`, `whatif`, `plan` and `history` as a person or a script runs them, over the demo company.</summary>
public sealed class ExposureCliTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-exposure-cli-");

    private string Db => Path.Combine(work.FullName, "seam.db");

    public void Dispose() => work.Delete(recursive: true);

    private async Task DemoAsync() => Assert.Equal(0, (await SeamCli.RunAsync(["demo", "--db", Db])).ExitCode);

    private string Write(string name, string text)
    {
        var path = Path.Combine(work.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("exposure --help")]
    [InlineData("exposure whatif --help")]
    [InlineData("exposure plan --help")]
    [InlineData("exposure history --help")]
    public async Task Every_exposure_command_explains_itself(string args)
    {
        var run = await SeamCli.RunAsync(args.Split(' '));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Description:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_s_crown_jewels_are_shown_with_their_paths_and_the_trend_starts_with_one_real_point()
    {
        await DemoAsync();

        var text = await SeamCli.RunAsync(["exposure", "--db", Db]);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("Crown jewels", text.Output, StringComparison.Ordinal);
        Assert.Contains("→", text.Output, StringComparison.Ordinal);
        Assert.Contains("Choke points", text.Output, StringComparison.Ordinal);

        var json = await SeamCli.RunAsync(["exposure", "--db", Db, "--json", "--site", "eastport"]);
        Assert.True(json.ExitCode == 0, json.Error);
        using var result = JsonDocument.Parse(json.Output);
        var summary = result.RootElement.GetProperty("summary");
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("overall").ValueKind);
        var jewels = summary.GetProperty("crownJewels").EnumerateArray().ToList();
        Assert.NotEmpty(jewels);
        Assert.All(jewels, j => Assert.Equal("eastport", j.GetProperty("siteId").GetString()));
        var tricon = jewels.Single(j => j.GetProperty("assetId").GetString() == "SIS-E-101");
        Assert.True(tricon.GetProperty("reachable").GetBoolean());
        Assert.Equal("SIS-E-101", tricon.GetProperty("mostLikelyPath").GetProperty("targetAssetId").GetString());
        Assert.All(result.RootElement.GetProperty("topFindings").EnumerateArray(),
            f => Assert.Equal("reachable-and-exploitable", f.GetProperty("exposure").GetProperty("verdict").GetString()));

        Assert.Equal(4, (await SeamCli.RunAsync(["exposure", "--db", Db, "--site", "atlantis"])).ExitCode);

        // The demo stored one point; reading the same data again from new processes adds none.
        var history = await SeamCli.RunAsync(["exposure", "history", "--db", Db, "--json"]);
        Assert.True(history.ExitCode == 0, history.Error);
        using var points = JsonDocument.Parse(history.Output);
        var point = Assert.Single(points.RootElement.EnumerateArray());
        Assert.Equal("demo", point.GetProperty("trigger").GetString());
        Assert.Equal("overall", point.GetProperty("scope").GetString());
        Assert.Contains("Eastport", (await SeamCli.RunAsync(["exposure", "history", "--db", Db, "--site", "eastport"])).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_what_if_shows_what_a_scenario_changes_and_writes_nothing()
    {
        await DemoAsync();
        var scenario = Write("cut.yaml", "name: Take the Tricon off the network\nactions:\n  - isolate-asset: SIS-E-101\n");

        var json = await SeamCli.RunAsync(["exposure", "whatif", scenario, "--db", Db, "--json"]);
        Assert.True(json.ExitCode == 0, json.Error);
        using var result = JsonDocument.Parse(json.Output);
        Assert.Contains("SIS-E-101", result.RootElement.GetProperty("crownJewelsCutOff").EnumerateArray().Select(j => j.GetString()));
        Assert.True(result.RootElement.GetProperty("scoreAfter").GetProperty("score").GetDouble() <= result.RootElement.GetProperty("scoreBefore").GetProperty("score").GetDouble());

        var text = await SeamCli.RunAsync(["exposure", "whatif", scenario, "--db", Db]);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("cut off", text.Output, StringComparison.Ordinal);
        Assert.Contains("isolate asset SIS-E-101", text.Output, StringComparison.Ordinal);

        using var history = JsonDocument.Parse((await SeamCli.RunAsync(["exposure", "history", "--db", Db, "--json"])).Output);
        Assert.Single(history.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task A_bad_scenario_exits_with_2_and_names_file_line_and_column()
    {
        await DemoAsync();
        var broken = Write("broken.yaml", "name: Broken\nactions:\n  - isolate-assets: SIS-E-101\n  - block-service: { conduit: x, service: tcp/99999 }\n");

        var run = await SeamCli.RunAsync(["exposure", "whatif", broken, "--db", Db]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{broken}:3:5: action 1: 'isolate-assets' is not an action", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{broken}:4:", run.Error, StringComparison.Ordinal);
        Assert.Contains("expected a port 0–65535", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);

        var unknown = Write("unknown.yaml", "name: Typo\nactions:\n  - isolate-asset: SIS-E-999\n");
        var typo = await SeamCli.RunAsync(["exposure", "whatif", unknown, "--db", Db]);
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains($"{unknown}:3:5: action 1 (isolate-asset): there is no asset 'SIS-E-999'", typo.Error, StringComparison.Ordinal);

        Assert.Equal(4, (await SeamCli.RunAsync(["exposure", "whatif", Path.Combine(work.FullName, "missing.yaml"), "--db", Db])).ExitCode);
    }

    [Fact]
    public async Task A_plan_is_made_for_the_goal_and_the_budget_given()
    {
        await DemoAsync();

        var cut = await SeamCli.RunAsync(["exposure", "plan", "--db", Db, "--json"]);
        Assert.True(cut.ExitCode == 0, cut.Error);
        using var plan = JsonDocument.Parse(cut.Output);
        Assert.Equal("cut-crown-jewels", plan.RootElement.GetProperty("goal").GetString());

        var budget = await SeamCli.RunAsync(["exposure", "plan", "--budget", "50000", "--db", Db, "--json"]);
        Assert.True(budget.ExitCode == 0, budget.Error);
        using var budgeted = JsonDocument.Parse(budget.Output);
        Assert.Equal("most-exposure-within-budget", budgeted.RootElement.GetProperty("goal").GetString());
        Assert.True(budgeted.RootElement.GetProperty("totalCost").GetDecimal() <= 50000m);

        var text = await SeamCli.RunAsync(["exposure", "plan", "--budget", "50000", "--db", Db]);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("total cost", text.Output, StringComparison.Ordinal);

        Assert.Equal(2, (await SeamCli.RunAsync(["exposure", "plan", "--budget", "-5", "--db", Db])).ExitCode);
        Assert.Equal(2, (await SeamCli.RunAsync(["exposure", "plan", "--goal", "win", "--db", Db])).ExitCode);
    }
}
