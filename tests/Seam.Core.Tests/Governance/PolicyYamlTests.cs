using Seam.Governance.Policy;
using Seam.Inventory;

namespace Seam.Core.Tests.Governance;

public sealed class PolicyYamlTests
{
    [Fact]
    public void A_plant_policy_reads_into_teams_rules_and_routes()
    {
        var policy = Policies.Parse();

        Assert.Equal(4, policy.Version);
        Assert.Equal("seam", policy.SeamOwner);
        Assert.Equal(["it-security", "ot-engineering", "seam", "vendor-krones"], policy.Teams.Select(t => t.Id));
        Assert.Equal(TeamSide.Ot, policy.Team("ot-engineering")!.Side);
        Assert.Equal(["olga", "oscar"], policy.Team("ot-engineering")!.Members);
        Assert.Equal(RouteTable.Default, policy.Routes);

        var control = policy.Rules.Single(r => r.Id == "changes-control");
        Assert.Equal([DecisionScenario.Patch, DecisionScenario.Firmware, DecisionScenario.Configuration, DecisionScenario.NetworkRule, DecisionScenario.NewConnection],
            control.Scenarios);
        Assert.Equal([PurdueLevel.Process, PurdueLevel.BasicControl, PurdueLevel.Supervisory, PurdueLevel.Operations], control.Scope.PurdueLevels);
        Assert.Equal(new ApproverGroup(ApprovalMode.AllOf, ["ot-engineering"]).Mode, control.Approvers.Mode);
        Assert.Equal(["ot-engineering"], control.Approvers.Teams);
        Assert.Equal(TimeSpan.FromDays(5), control.Deadline);
        Assert.Equal("seam", control.EscalateTo);
        Assert.Equal(34, control.Line);

        var safety = policy.Rules.Single(r => r.Id == "safety");
        Assert.Equal(DecisionScenarios.All, safety.Scenarios);
        Assert.True(safety.Scope.SafetyRelevant);
        Assert.False(safety.AllowFastLane);
        Assert.Equal(ApprovalMode.AnyOf, policy.Rules[0].Approvers.Mode);
    }

    [Theory]
    [InlineData("3d", 72 * 60)]
    [InlineData("48h", 48 * 60)]
    [InlineData("90m", 90)]
    [InlineData("2w", 14 * 24 * 60)]
    [InlineData("1.5d", 36 * 60)]
    public void Deadlines_read_as_durations(string text, int minutes)
    {
        Assert.True(PolicyYaml.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("0d")]
    [InlineData("-1h")]
    [InlineData("3 days")]
    [InlineData("d")]
    [InlineData("12")]
    public void Durations_that_are_not_durations_are_refused(string text) =>
        Assert.False(PolicyYaml.TryParseDuration(text, out _));

    public static TheoryData<string, string, int, int, string> Broken => new()
    {
        { "responsible: ot-engineering", "responsible: ot-enginering", 38, 18, "rule 'changes-control': responsible: no team 'ot-enginering' in 'teams'" },
        { "deadline: 5d", "deadline: 5 days", 42, 15, "deadline '5 days' is not a duration: expected a positive number with m, h, d or w" },
        { "      purdue-levels: [0, 1, 2, 3]", "      purdue-levels: [0, 1, 7, 3]", 37, 29, "'7' is not a Purdue level: expected 0, 1, 2, 3, 3.5, 4 or 5" },
        { "    scenarios: [change/*]", "    scenarios: [change/reboot]", 35, 17, "'change/reboot' is not a scenario" },
        { "    fast-lane: false", "    fastlane: false", 53, 5, "unknown key 'fastlane'" },
        { "  - id: vendor-access", "  - id: safety", 54, 9, "a rule with this id is already defined" },
        { "  it: it-security", "  it: ot-engineering", 4, 3, "default-approvers: 'it' names ot-engineering, a team on the Ot side; expected an IT team" },
        { "    side: vendor", "    side: supplier", 22, 11, "'side' is 'supplier': expected it, ot, joint or vendor" },
        { "      any-of: [it-security, ot-engineering]", "      any-of: []", 64, 15, "'any-of' lists no team" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_mistake_is_named_with_its_line_and_column(string original, string broken, int line, int column, string message)
    {
        Assert.Contains(original, Policies.Plant, StringComparison.Ordinal);
        var at = Policies.Plant.IndexOf(original, StringComparison.Ordinal);
        var text = string.Concat(Policies.Plant.AsSpan(0, at), broken, Policies.Plant.AsSpan(at + original.Length));

        var result = PolicyYaml.Parse(text, "policy.yaml");

        Assert.False(result.Succeeded);
        Assert.Null(result.Policy);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.StartsWith($"policy.yaml:{line}:{column}: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_critical_request_cannot_be_sent_down_the_fast_lane()
    {
        var text = Policies.Plant.Replace("teams:", "routes:\n  critical: fast-lane\nteams:", StringComparison.Ordinal);
        var result = PolicyYaml.Parse(text, "policy.yaml");
        Assert.Contains(result.Problems, p => p.Message.Contains("'critical' cannot be fast-lane", StringComparison.Ordinal) && p.Line == 7);
    }

    [Fact]
    public void A_policy_file_that_is_not_yaml_says_where_it_breaks()
    {
        var result = PolicyYaml.Parse("version: 1\nteams: [a, b\nrules: []\n", "broken.yaml");
        var problem = Assert.Single(result.Problems);
        Assert.Contains("this is not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.Equal("broken.yaml", problem.File);
        Assert.True(problem.Line >= 2);
    }

    [Fact]
    public void An_empty_file_names_what_a_policy_needs()
    {
        var problem = Assert.Single(PolicyYaml.Parse("", "empty.yaml").Problems);
        Assert.Contains("'version', 'seam-owner', 'teams' and 'rules'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_can_be_changed_per_tier()
    {
        var text = Policies.Plant.Replace("teams:", "routes:\n  low: single-owner\n  high: seam-owner\nteams:", StringComparison.Ordinal);
        var policy = Policies.Parse(text);
        Assert.Equal(new RouteTable(Route.SingleOwner, Route.SingleOwner, Route.SeamOwner, Route.SeamOwner), policy.Routes);
    }
}
