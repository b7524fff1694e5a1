using Seam.Governance.Policy;
using Seam.Inventory;

namespace Seam.Core.Tests.Governance;

public sealed class PolicyCheckTests
{
    [Fact]
    public void The_plant_policy_has_no_gaps()
    {
        var gaps = PolicyCheck.Check(Policies.Parse(), users: new HashSet<string> { "ivy", "ian", "olga", "oscar", "sam", "kurt" });
        Assert.Empty(gaps);
    }

    [Fact]
    public void Without_a_catch_all_rule_the_uncovered_scenarios_and_levels_are_listed()
    {
        var policy = Policies.Parse();
        policy = policy with { Rules = [.. policy.Rules.Where(r => r.Id != "everything-else")] };

        var gaps = PolicyCheck.Check(policy).Where(g => g.Kind == PolicyGapKind.NobodyApproves).ToList();

        // Safety-relevant work is covered everywhere by the safety rule; other work only where a rule speaks for it.
        Assert.DoesNotContain(gaps, g => g.Message.Contains("on safety-relevant assets", StringComparison.Ordinal));
        var incident = Assert.Single(gaps, g => g.Message.StartsWith("incident on other assets", StringComparison.Ordinal));
        Assert.Contains("Level 0 · Process", incident.Message, StringComparison.Ordinal);
        Assert.Contains("and 3 more", incident.Message, StringComparison.Ordinal);
        // Patches are covered everywhere: IT levels by patch-it, control levels by changes-control; firmware only on the control levels.
        Assert.DoesNotContain(gaps, g => g.Message.StartsWith("change/patch", StringComparison.Ordinal));
        var firmware = Assert.Single(gaps, g => g.Message.StartsWith("change/firmware on other assets", StringComparison.Ordinal));
        Assert.Contains("Level 4 · Enterprise", firmware.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Level 1", firmware.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(gaps, g => g.Message.StartsWith("access/vendor-remote", StringComparison.Ordinal));
    }

    [Fact]
    public void With_the_plant_every_zone_is_checked_and_named()
    {
        var policy = Policies.Parse();
        policy = policy with { Rules = [.. policy.Rules.Where(r => r.Id is "patch-it")] };
        var plant = new InventoryModel
        {
            Sites = [new Site { Id = "north", Name = "North" }],
            Zones =
            [
                new Zone { Id = "north.office", SiteId = "north", Name = "Office", Level = PurdueLevel.Enterprise },
                new Zone { Id = "north.cell-1", SiteId = "north", Name = "Cell 1", Level = PurdueLevel.BasicControl },
            ],
        };

        var patch = PolicyCheck.Check(policy, plant).Where(g => g.Message.StartsWith("change/patch", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, patch.Count);
        Assert.All(patch, g => Assert.Contains("zone Cell 1 (north, Level 1 · Basic control)", g.Message, StringComparison.Ordinal));
        Assert.All(patch, g => Assert.DoesNotContain("Office", g.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_limited_to_critical_assets_does_not_cover_a_whole_zone()
    {
        var policy = Policies.Parse();
        var onlyCritical = policy.Rules.Single(r => r.Id == "everything-else") with { Scope = new DecisionScope { MinCriticality = 4 } };
        policy = policy with { Rules = [onlyCritical] };

        var gaps = PolicyCheck.Check(policy);

        Assert.Equal(DecisionScenarios.All.Count * 2, gaps.Count(g => g.Kind == PolicyGapKind.NobodyApproves));
    }

    [Fact]
    public void Teams_without_members_and_members_who_are_not_users_are_reported()
    {
        var policy = Policies.Parse();
        policy = policy with
        {
            Teams = [.. policy.Teams.Select(t => t.Id == "seam" ? t with { Members = [] } : t)],
        };

        var gaps = PolicyCheck.Check(policy, users: new HashSet<string> { "ivy", "olga", "oscar", "kurt" });

        var empty = Assert.Single(gaps, g => g.Kind == PolicyGapKind.TeamWithoutMembers);
        Assert.Contains("team seam has no members", empty.Message, StringComparison.Ordinal);
        Assert.Contains("It is the seam owner", empty.Message, StringComparison.Ordinal);
        var unknown = Assert.Single(gaps, g => g.Kind == PolicyGapKind.UnknownMember);
        Assert.Equal("team it-security: ian is not a Seam user and cannot sign in to act.", unknown.Message);
    }

    [Fact]
    public void Two_rules_for_the_same_scope_that_disagree_are_a_contradiction()
    {
        var text = Policies.Plant + """

              - id: patch-it-again
                scenarios: [change/patch]
                scope:
                  purdue-levels: [5, 4, 3.5]
                responsible: ot-engineering
                approvers:
                  any-of: [it-security]
                deadline: 1d
            """;
        var policy = Policies.Parse(text);

        var gap = Assert.Single(PolicyCheck.Check(policy), g => g.Kind == PolicyGapKind.ContradictingRules);

        Assert.Contains("rules 'patch-it' (line 25) and 'patch-it-again' (line 66) cover change/patch on the same scope", gap.Message, StringComparison.Ordinal);
        Assert.Contains("responsible it-security vs ot-engineering", gap.Message, StringComparison.Ordinal);
        Assert.Contains("deadline 3d vs 1d", gap.Message, StringComparison.Ordinal);
        Assert.Equal(66, gap.Line);
    }

    [Fact]
    public void Escalations_that_go_round_in_a_circle_are_found_once()
    {
        var text = Policies.Plant.Replace("    members: [sam]", "    members: [sam]\n    escalates-to: it-security", StringComparison.Ordinal);
        var policy = Policies.Parse(text);

        var loop = Assert.Single(PolicyCheck.Check(policy), g => g.Kind == PolicyGapKind.EscalationLoop);

        Assert.Contains("it-security → seam → it-security", loop.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_that_escalates_to_the_team_that_is_late_is_a_loop()
    {
        var policy = Policies.Parse();
        var rule = policy.Rules.Single(r => r.Id == "patch-it") with
        {
            Approvers = new ApproverGroup(ApprovalMode.AllOf, ["it-security"]),
            EscalateTo = "it-security",
        };
        policy = policy with { Rules = [rule, .. policy.Rules.Where(r => r.Id != "patch-it")] };

        var loop = Assert.Single(PolicyCheck.Check(policy), g => g.Kind == PolicyGapKind.EscalationLoop);
        Assert.Contains("rule 'patch-it' escalates an overdue decision back to it-security", loop.Message, StringComparison.Ordinal);
    }
}
