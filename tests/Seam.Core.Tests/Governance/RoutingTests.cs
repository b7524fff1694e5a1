using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Inventory;

namespace Seam.Core.Tests.Governance;

public sealed class RiskAssessmentTests
{
    private static RequestFootprint Footprint(int criticality = 1, bool safety = false, PurdueLevel? level = null, bool reversible = true, double downtime = 0,
        ExposureDelta? exposure = null) => new()
        {
            SiteId = "plant",
            MaxCriticality = criticality,
            SafetyRelevant = safety,
            PurdueLevels = level is { } l ? [l] : [],
            Reversible = reversible,
            DowntimeHours = downtime,
            Exposure = exposure,
        };

    public static TheoryData<RequestFootprint, RiskTier, int> Table => new()
    {
        // An office PC patch: nothing adds up.
        { Footprint(2, level: PurdueLevel.Enterprise), RiskTier.Low, 0 },
        // A historian (criticality 3) at L3 with an hour's downtime: 1 + 1.
        { Footprint(3, level: PurdueLevel.Operations, downtime: 1), RiskTier.Low, 2 },
        // An HMI (criticality 4) at L2: 2 + 1.
        { Footprint(4, level: PurdueLevel.Supervisory), RiskTier.Medium, 3 },
        // A line PLC (5) at L1 with a 10-hour stop: 3 + 2 + 2.
        { Footprint(5, level: PurdueLevel.BasicControl, downtime: 10), RiskTier.High, 7 },
        // Safety controller firmware, irreversible, at L1 with downtime: 3 + 3 + 2 + 2 + 1.
        { Footprint(5, safety: true, level: PurdueLevel.BasicControl, reversible: false, downtime: 4), RiskTier.Critical, 11 },
        // An irreversible change to a minor safety-relevant asset: 3 + 2 points, floored at high.
        { Footprint(1, safety: true, reversible: false), RiskTier.High, 5 },
        // A new connection that opens a path to a crown jewel: 4 points, floored at critical.
        { Footprint(1, exposure: new ExposureDelta(0.4, 1, 2, "opens two paths")), RiskTier.Critical, 4 },
        // A small exposure increase: 1 point.
        { Footprint(1, exposure: new ExposureDelta(0.3, 0, 0, "a little more exposure")), RiskTier.Low, 1 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_tier_follows_the_points_and_the_floors(RequestFootprint footprint, RiskTier tier, int points)
    {
        var risk = RiskAssessment.Of(footprint);
        Assert.Equal(tier, risk.Tier);
        Assert.Equal(points, risk.Points);
        Assert.Equal(points, risk.Factors.Sum(f => f.Points));
        Assert.All(risk.Factors, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.ForIt));
            Assert.False(string.IsNullOrWhiteSpace(f.ForOt));
        });
        Assert.StartsWith(tier.ToString(), risk.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_floor_is_said_out_loud()
    {
        var risk = RiskAssessment.Of(Footprint(exposure: new ExposureDelta(0.1, 1, 1, "opens a path to the SIS")));
        Assert.Contains("opens a path to a crown jewel", risk.Why, StringComparison.Ordinal);
        Assert.Contains(risk.Factors, f => f.ForIt.Contains("opens a path to the SIS", StringComparison.Ordinal));
    }
}

public sealed class RequestRouterTests
{
    private static readonly DecisionRightsPolicy Policy = Policies.Parse();

    private static RequestFootprint At(PurdueLevel level, int criticality = 2, bool safety = false, double downtime = 0, bool reversible = true) => new()
    {
        SiteId = "plant",
        PurdueLevels = [level],
        MaxCriticality = criticality,
        SafetyRelevant = safety,
        DowntimeHours = downtime,
        Reversible = reversible,
    };

    [Fact]
    public void A_low_risk_office_patch_takes_the_fast_lane_and_tells_who_should_know()
    {
        var routing = RequestRouter.Route(Policy, DecisionScenario.Patch, At(PurdueLevel.Enterprise));

        Assert.Equal(Route.FastLane, routing.Route);
        Assert.Empty(routing.Approvals);
        Assert.Equal(["patch-it", "everything-else"], routing.MatchedRules);
        Assert.Equal("it-security", routing.Responsible);
        Assert.Equal(["ot-engineering"], routing.Informed);
        Assert.Contains("fast-lane route", routing.ForIt, StringComparison.Ordinal);
        Assert.Contains("ot-engineering are told", routing.ForOt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_can_keep_low_risk_safety_work_out_of_the_fast_lane()
    {
        var routing = RequestRouter.Route(Policy, DecisionScenario.Configuration, At(PurdueLevel.Operations, criticality: 1, safety: false) with { SafetyRelevant = true, PurdueLevels = [] });

        // 3 points for safety: medium, so single owner anyway; the safety rule's two approvers span IT and OT.
        Assert.Equal(RiskTier.Medium, routing.Risk.Tier);
        Assert.Equal(Route.JointItOt, routing.Route);
        Assert.Contains("both IT and OT", routing.ForIt, StringComparison.Ordinal);
    }

    [Fact]
    public void Fast_lane_is_refused_by_a_rule_that_says_so()
    {
        var policy = Policies.Parse(Policies.Plant.Replace("  - id: patch-it\n    scenarios: [change/patch]", "  - id: patch-it\n    fast-lane: no\n    scenarios: [change/patch]", StringComparison.Ordinal));
        var routing = RequestRouter.Route(policy, DecisionScenario.Patch, At(PurdueLevel.Enterprise));

        Assert.Equal(RiskTier.Low, routing.Risk.Tier);
        Assert.NotEqual(Route.FastLane, routing.Route);
        Assert.Contains("rule 'patch-it' keeps its requests out of the fast lane", routing.ForIt, StringComparison.Ordinal);
        Assert.Contains(routing.Approvals, a => a.Teams.Contains("it-security"));
    }

    [Fact]
    public void Medium_risk_on_the_control_network_is_for_the_ot_owner_alone()
    {
        var routing = RequestRouter.Route(Policy, DecisionScenario.Configuration, At(PurdueLevel.Supervisory, criticality: 4));

        Assert.Equal(RiskTier.Medium, routing.Risk.Tier);
        Assert.Equal(Route.SingleOwner, routing.Route);
        Assert.Equal("ot-engineering", routing.Responsible);
        Assert.Equal(["changes-control", "everything-else"], routing.MatchedRules);
        Assert.Equal(2, routing.Approvals.Count);
        Assert.Equal(["it-security"], routing.Consulted);
        Assert.Equal(TimeSpan.FromDays(5), routing.Deadline);
        Assert.Equal("seam", routing.EscalateTo);
    }

    [Fact]
    public void High_risk_adds_the_missing_side_for_a_joint_sign_off()
    {
        var routing = RequestRouter.Route(Policy, DecisionScenario.Firmware, At(PurdueLevel.BasicControl, criticality: 5, downtime: 10));

        Assert.Equal(RiskTier.High, routing.Risk.Tier);
        Assert.Equal(Route.JointItOt, routing.Route);
        var teams = routing.Approvals.SelectMany(a => a.Teams).ToList();
        Assert.Contains("ot-engineering", teams);
        Assert.Contains("it-security", teams);
        Assert.Equal(TeamSide.It, routing.Sides["it-security"]);
        Assert.Equal(TeamSide.Ot, routing.Sides["ot-engineering"]);
        Assert.Contains("IT and OT both sign off", routing.ForOt, StringComparison.Ordinal);
    }

    [Fact]
    public void Critical_risk_goes_to_the_seam_owner_with_both_views()
    {
        var routing = RequestRouter.Route(Policy, DecisionScenario.Firmware,
            At(PurdueLevel.BasicControl, criticality: 5, safety: true, downtime: 4, reversible: false));

        Assert.Equal(RiskTier.Critical, routing.Risk.Tier);
        Assert.Equal(Route.SeamOwner, routing.Route);
        Assert.Equal(TimeSpan.FromDays(2), routing.Deadline);
        Assert.Contains("seam owner (seam) decides", routing.ForOt, StringComparison.Ordinal);
        Assert.Contains(routing.Approvals, a => a.Teams.Contains("it-security"));
        Assert.Contains(routing.Approvals, a => a.Teams.Contains("ot-engineering"));
    }

    [Fact]
    public void A_request_no_rule_covers_goes_to_the_seam_owner_and_says_why()
    {
        var policy = Policy with { Rules = [.. Policy.Rules.Where(r => r.Id == "patch-it")] };
        var routing = RequestRouter.Route(policy, DecisionScenario.ActiveScan, At(PurdueLevel.Operations));

        Assert.Equal(Route.SeamOwner, routing.Route);
        Assert.Empty(routing.MatchedRules);
        Assert.Equal("seam", routing.Responsible);
        Assert.Contains("No rule of policy v4 covers active-scan", routing.ForIt, StringComparison.Ordinal);
    }

    public static TheoryData<DecisionScope, bool> Scopes => new()
    {
        { DecisionScope.Everything, true },
        { new DecisionScope { Sites = ["plant"] }, true },
        { new DecisionScope { Sites = ["other"] }, false },
        { new DecisionScope { Zones = ["z1", "z9"] }, true },
        { new DecisionScope { Zones = ["z9"] }, false },
        { new DecisionScope { PurdueLevels = [PurdueLevel.Process] }, false },
        { new DecisionScope { PurdueLevels = [PurdueLevel.BasicControl] }, true },
        { new DecisionScope { AssetKinds = [AssetKind.Plc] }, true },
        { new DecisionScope { AssetKinds = [AssetKind.Printer] }, false },
        { new DecisionScope { MinCriticality = 4 }, true },
        { new DecisionScope { MinCriticality = 5 }, false },
        { new DecisionScope { SafetyRelevant = false }, true },
        { new DecisionScope { SafetyRelevant = true }, false },
        { new DecisionScope { Sites = ["plant"], PurdueLevels = [PurdueLevel.BasicControl], MinCriticality = 5 }, false },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public void A_scope_covers_a_request_when_every_condition_meets_part_of_it(DecisionScope scope, bool covers)
    {
        var footprint = new RequestFootprint
        {
            SiteId = "plant",
            ZoneIds = ["z1"],
            PurdueLevels = [PurdueLevel.BasicControl, PurdueLevel.Supervisory],
            AssetKinds = [AssetKind.Plc, AssetKind.Hmi],
            MaxCriticality = 4,
        };
        Assert.Equal(covers, RequestRouter.Covers(scope, footprint));
    }
}
