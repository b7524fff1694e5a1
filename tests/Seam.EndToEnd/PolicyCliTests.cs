using System.Text.Json;

namespace Seam.EndToEnd;

/// <summary>`seam policy check` as a person or a script runs it, on the example policy for the demo company.</summary>
public sealed class PolicyCliTests : IDisposable
{
    private static readonly string Example = Path.Combine(SeamServerProcess.RepositoryRoot(), "docs", "examples", "decision-rights.yaml");

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-policy-cli-");

    private string Db => Path.Combine(work.FullName, "seam.db");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public async Task The_example_policy_covers_the_demo_plant_and_only_its_members_are_missing_as_users()
    {
        Assert.Equal(0, (await SeamCli.RunAsync(["demo", "--db", Db])).ExitCode);

        var run = await SeamCli.RunAsync(["policy", "check", Example, "--db", Db]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("policy v1, 6 team(s), 8 rule(s).", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody approves", run.Output, StringComparison.Ordinal);
        Assert.Contains("unknown member: team group.seam: karin.lund, felix.bauer are not Seam users and cannot sign in to act.", run.Output, StringComparison.Ordinal);
        Assert.Contains("6 gap(s).", run.Output, StringComparison.Ordinal);

        var json = await SeamCli.RunAsync(["policy", "check", Example, "--db", Db, "--json"]);
        using var result = JsonDocument.Parse(json.Output);
        Assert.Equal(8, result.RootElement.GetProperty("rules").GetInt32());
        Assert.All(result.RootElement.GetProperty("gaps").EnumerateArray(), g => Assert.Equal("UnknownMember", g.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Without_the_plant_site_rules_count_for_nothing_and_the_output_says_so()
    {
        var run = await SeamCli.RunAsync(["policy", "check", Example, "--without-plant"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nobody approves: change/patch on other assets", run.Output, StringComparison.Ordinal);
        Assert.Contains("Rules for named sites or zones are only counted against a plant.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_policy_is_refused_with_the_line_and_column_of_each_mistake()
    {
        var path = Path.Combine(work.FullName, "broken.yaml");
        await File.WriteAllTextAsync(path, File.ReadAllText(Example).Replace("deadline: 3d", "deadline: soon", StringComparison.Ordinal)
            .Replace("responsible: riverside.ot", "responsible: riverside.o", StringComparison.Ordinal));

        var run = await SeamCli.RunAsync(["policy", "check", path, "--without-plant"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"{path}:45:15: rule 'riverside-it-changes': deadline 'soon' is not a duration", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{path}:57:18: rule 'riverside-control-changes': responsible: no team 'riverside.o' in 'teams'", run.Error, StringComparison.Ordinal);
        Assert.Contains("problem(s); the policy was not read.", run.Error, StringComparison.Ordinal);
        Assert.Equal(4, (await SeamCli.RunAsync(["policy", "check", Path.Combine(work.FullName, "missing.yaml")])).ExitCode);
    }
}
