using Seam.Exposure;
using Seam.Exposure.Model;
using Seam.Exposure.Planning;
using Seam.Exposure.WhatIf;
using Seam.Inventory;
using static Seam.Core.Tests.Exposure.Planning.HandBuiltPlant;

namespace Seam.Core.Tests.Exposure.Planning;

public sealed class RemediationPlannerTests
{
    // Sunday 22 November 2026, 21:00 UTC.
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 21, 0, 0, TimeSpan.Zero);

    private static readonly PlanRequest CutJewels = new(PlanGoal.CutCrownJewels, null, Now);

    private static readonly MaintenanceWindow Line1Monthly = new()
    {
        Id = "w-l1",
        SiteId = "s1",
        Name = "Line 1 monthly shutdown",
        ProcessLine = "Line 1",
        Day = DayOfWeek.Sunday,
        WeekOfMonth = 1,
        Start = new TimeOnly(2, 0),
    };

    private static readonly MaintenanceWindow Line2Weekly = new()
    {
        Id = "w-l2",
        SiteId = "s1",
        Name = "Line 2 weekly stop",
        ProcessLine = "Line 2",
        Day = DayOfWeek.Wednesday,
        Start = new TimeOnly(22, 0),
    };

    private static readonly MaintenanceWindow SiteTurnaround = new()
    {
        Id = "w-site",
        SiteId = "s1",
        Name = "Site turnaround",
        Day = DayOfWeek.Saturday,
        WeekOfMonth = 5,
        Start = new TimeOnly(6, 0),
    };

    [Fact]
    public void A_cheap_firewall_change_beats_a_patch_that_stops_the_line()
    {
        var plant = EnterpriseToPlc(flows: []);
        var scenarios = new List<Scenario>();

        var plan = RemediationPlanner.Plan(plant.Analysis(score: 40), CutJewels, [Line1Monthly], (_, s) =>
        {
            scenarios.Add(s);
            return 5;
        });

        var step = Assert.Single(plan.Steps);
        Assert.Equal(ElementKind.ConduitService, step.Action.Element.Kind);
        Assert.Equal(300m, plan.TotalCost);
        Assert.Equal(Now, step.When);
        Assert.Null(step.WindowId);
        Assert.Contains("Cuts Entry it → PLC", step.Why, StringComparison.Ordinal);
        Assert.True(plan.CutsEveryCrownJewel);
        Assert.True(plan.ProvenOptimal);
        Assert.Equal(2, plan.CandidateCount);
        Assert.Equal((40, 5), (plan.ScoreBefore, plan.ScoreAfter));
        var block = Assert.IsType<BlockConduitService>(Assert.Single(Assert.Single(scenarios).Actions));
        Assert.Equal(("c1", ServiceEndpoint.Parse("modbus:tcp/502")), (block.ConduitId, block.Service));
        Assert.Contains("proved that no cheaper set", plan.Explanation, StringComparison.Ordinal);
        Assert.Contains("Of 2 candidate actions", plan.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void When_production_uses_the_service_the_patch_in_the_next_window_is_cheaper()
    {
        var plant = EnterpriseToPlc(flows: [ObservedFlow("flow-1", "hist", "plc", "modbus:tcp/502")]);

        var plan = Plan(plant, CutJewels, [Line1Monthly]);

        var step = Assert.Single(plan.Steps);
        Assert.Equal(ElementKind.Finding, step.Action.Element.Kind);
        Assert.Equal(2 * 5_000m, plan.TotalCost);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero), step.When);
        Assert.Equal("w-l1", step.WindowId);
        Assert.Contains("Line 1 monthly shutdown", step.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_run_now_first_then_by_the_next_window_that_covers_them_and_last_those_no_window_covers()
    {
        var plant = FourJewelsBehindRemovableMedia();

        var plan = Plan(plant, CutJewels, [Line1Monthly, Line2Weekly, SiteTurnaround]);

        Assert.Equal(["f-any", "f-l2", "f-l1", "f-far"], plan.Steps.Select(s => s.Action.Element.Id));
        Assert.Equal([1, 2, 3, 4], plan.Steps.Select(s => s.Order));
        Assert.Equal(
            [Now, new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero), null],
            plan.Steps.Select(s => s.When));
        Assert.Equal([null, "w-l2", "w-site", null], plan.Steps.Select(s => s.WindowId));
        Assert.Contains("vendor's approval", plan.Steps[1].Why, StringComparison.Ordinal);
        Assert.Contains("none covers Line 9 at site s2", plan.Steps[3].Why, StringComparison.Ordinal);
        Assert.Contains("1 can be done now, 2 wait for a maintenance window and 1 needs a window nobody has agreed yet", plan.Explanation,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Within_a_budget_the_plan_buys_the_most_impact_weight()
    {
        var plant = ThreeWeightedAssets();
        var weights = new Dictionary<string, double> { ["a"] = 1.0, ["b"] = 0.6, ["c"] = 0.5 };

        var both = Plan(plant, new PlanRequest(PlanGoal.MostExposureWithinBudget, 2_000m, Now), [], weights);
        var one = Plan(plant, new PlanRequest(PlanGoal.MostExposureWithinBudget, 1_999.99m, Now), [], weights);

        // 2,000 buys A (weight 100) or B and C (60 + 50): B and C take more away.
        Assert.Equal(["f-b", "f-c"], both.Steps.Select(s => s.Action.Element.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2_000m, both.TotalCost);
        Assert.Contains("exposure left: 100 of 210 (52% removed", both.Explanation, StringComparison.Ordinal);
        Assert.True(both.ProvenOptimal);
        Assert.Equal("f-b", Assert.Single(one.Steps).Action.Element.Id);
        Assert.Contains("exposure left: 150", one.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_score_after_comes_from_a_scenario_of_every_chosen_action()
    {
        var plant = new HandBuiltPlant(
            new InventoryModel
            {
                Sites = [Site()],
                Zones = [Zone("z", PurdueLevel.BasicControl)],
                Assets =
                [
                    Asset("hist", AssetKind.Historian, "z"), Asset("plc", AssetKind.Plc, "z", downtime: 5_000, jewel: true),
                    Asset("sis", AssetKind.SafetyController, "z", downtime: 5_000, jewel: true),
                ],
                EntryPoints = [EntryPoint("media", EntryPointKind.RemovableMedia, "z")],
            },
            findings: [Finding("f-plc", "plc", "CVE-1"), Finding("f-sis", "sis", "CVE-2")],
            flows: [ObservedFlow("flow-1", "hist", "plc", "https")],
            rules: [new AllowRule { Id = "rule-1", SiteId = "s1", FromAssetId = "hist", ToAssetId = "sis" }]);
        var lands = plant.Position("z");
        plant.Path(plant.Entry("media"), lands, plant.Flow("flow-1"), plant.Exploit("f-plc"), plant.Control("plc"));
        plant.Path(lands, plant.Rule("rule-1"), plant.Exploit("f-sis"), plant.Control("sis"));
        Scenario? tried = null;

        var plan = RemediationPlanner.Plan(plant.Analysis(score: 30), CutJewels, [], (_, s) =>
        {
            tried = s;
            return 0;
        });

        Assert.Equal(600m, plan.TotalCost);
        Assert.NotNull(tried);
        Assert.Equal(
            ["remove allow rule rule-1", "stop observed flow flow-1"],
            tried.Actions.Select(a => a.Describe()).Order(StringComparer.Ordinal));
        Assert.Equal((30, 0), (plan.ScoreBefore, plan.ScoreAfter));
    }

    [Fact]
    public void A_budget_goal_without_a_budget_is_refused() =>
        Assert.Throws<ArgumentException>(() => Plan(ThreeWeightedAssets(), new PlanRequest(PlanGoal.MostExposureWithinBudget, null, Now), []));

    [Fact]
    public void Steps_that_only_cut_a_path_together_say_which_other_steps_they_need()
    {
        // The vendor path crosses conduit c2 on two services: blocking both (2 × 300) is cheaper than removing it (2,000).
        var plant = VendorAndEnterprise();

        var plan = Plan(plant, CutJewels, []);

        Assert.Equal(["c2/https:tcp/443", "c2/s7:tcp/102", "f-hmi"],
            plan.Steps.Select(s => s.Action.Element.Id + (s.Action.Element.Service is { } svc ? "/" + svc : string.Empty)).Order(StringComparer.Ordinal));
        var s7 = plan.Steps.Single(s => s.Action.Element.Service?.Protocol == "s7");
        var https = plan.Steps.Single(s => s.Action.Element.Service?.Protocol == "https");
        Assert.Contains($"Helps cut Vendor VPN vpn → PLC (with step {https.Order})", s7.Why, StringComparison.Ordinal);
        Assert.Contains($"Helps cut Vendor VPN vpn → PLC (with step {s7.Order})", https.Why, StringComparison.Ordinal);
        var patch = plan.Steps.Single(s => s.Action.Element.Kind == ElementKind.Finding);
        Assert.Equal(1, patch.Order);
        Assert.Contains("Cuts Entry it → PLC", patch.Why, StringComparison.Ordinal);
        Assert.Contains("1 asset that is not a crown jewel (HMI)", patch.Why, StringComparison.Ordinal);
        Assert.Equal(610m, plan.TotalCost);
    }

    [Fact]
    public void When_nothing_allowed_cuts_a_jewel_the_plan_cuts_the_rest_and_says_which_jewel_stays_reachable()
    {
        var plant = new HandBuiltPlant(
            new InventoryModel
            {
                Sites = [Site()],
                Zones = [Zone("ent", PurdueLevel.Enterprise), Zone("ctl", PurdueLevel.BasicControl)],
                Conduits = [Conduit("c1", "ent", "ctl", "modbus:tcp/502")],
                Assets = [Asset("sis", AssetKind.SafetyController, "ctl", jewel: true), Asset("plc", AssetKind.Plc, "ctl", jewel: true)],
                EntryPoints = [EntryPoint("it", EntryPointKind.EnterpriseIt, "ctl"), EntryPoint("media", EntryPointKind.RemovableMedia, "ent")],
            });
        var ctl = plant.Position("ctl");
        plant.Path(plant.Entry("it"), ctl, plant.Reach("sis"), plant.Manipulate("sis"));
        plant.Path(plant.Entry("media"), plant.Position("ent"), plant.ConduitService("c1", "modbus:tcp/502"), plant.Reach("plc"), plant.Manipulate("plc"));

        var plan = Plan(plant, CutJewels, []);

        Assert.False(plan.CutsEveryCrownJewel);
        Assert.Equal(ElementKind.ConduitService, Assert.Single(plan.Steps).Action.Element.Kind);
        Assert.Contains("SIS can still be reached", plan.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plant_where_nothing_reaches_a_crown_jewel_needs_no_plan()
    {
        var plant = EnterpriseToPlc(flows: [], wired: false);

        var plan = Plan(plant, CutJewels, []);

        Assert.Empty(plan.Steps);
        Assert.True(plan.CutsEveryCrownJewel);
        Assert.Equal(plan.ScoreBefore, plan.ScoreAfter);
        Assert.Contains("nothing to do", plan.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Choke_points_are_the_fewest_network_changes_and_never_patches()
    {
        var plant = VendorAndEnterprise();
        var analysis = plant.Analysis();

        var choke = RemediationPlanner.ChokePoints(analysis.Graph, [plant.Control("plc"), plant.Manipulate("plc")]);

        Assert.True(choke.Cuttable);
        Assert.True(choke.ProvenMinimal);
        Assert.Equal(["asset:hmi", "entry-point:vpn"], choke.Elements.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("2 changes cut every entry point off every crown jewel", choke.Explanation, StringComparison.Ordinal);
        Assert.Contains("isolate HMI from the network", choke.Explanation, StringComparison.Ordinal);
        Assert.Contains("remove remote access Vendor VPN vpn", choke.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Choke_points_say_which_entry_reaches_which_jewel_when_no_network_change_can_cut_it()
    {
        var plant = EnterpriseToPlc(flows: []);
        var landsOnPlc = plant.Position("ctl");
        plant.Path(plant.Entry("it"), landsOnPlc, plant.Manipulate("plc"));
        var analysis = plant.Analysis();

        var choke = RemediationPlanner.ChokePoints(analysis.Graph, [plant.Control("plc"), plant.Manipulate("plc")]);

        Assert.False(choke.Cuttable);
        Assert.Empty(choke.Elements);
        Assert.Contains("Entry it → PLC still connect", choke.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Choke_points_of_an_unreachable_jewel_are_nothing_to_cut()
    {
        var plant = EnterpriseToPlc(flows: [], wired: false);

        var choke = RemediationPlanner.ChokePoints(plant.Analysis().Graph, [plant.Control("plc")]);

        Assert.Same(ChokePoints.NothingToCut, choke);
    }

    private static RemediationPlan Plan(HandBuiltPlant plant, PlanRequest request, IReadOnlyList<MaintenanceWindow> windows,
        IReadOnlyDictionary<string, double>? weights = null) =>
        RemediationPlanner.Plan(plant.Analysis(weights: weights), request, windows, (_, _) => 0);

    /// <summary>Enterprise IT → conduit c1 (modbus) → PLC (crown jewel, 5,000/h, Line 1) with an exploitable finding.</summary>
    private static HandBuiltPlant EnterpriseToPlc(IReadOnlyList<ObservedFlow> flows, bool wired = true)
    {
        var plant = new HandBuiltPlant(
            new InventoryModel
            {
                Sites = [Site()],
                Zones = [Zone("ent", PurdueLevel.Enterprise), Zone("ctl", PurdueLevel.BasicControl)],
                Conduits = [Conduit("c1", "ent", "ctl", "modbus:tcp/502")],
                Assets = [Asset("plc", AssetKind.Plc, "ctl", "Line 1", downtime: 5_000, jewel: true), Asset("hist", AssetKind.Historian, "ent")],
                EntryPoints = [EntryPoint("it", EntryPointKind.EnterpriseIt, "ent")],
            },
            findings: [Finding("f-plc", "plc", "CVE-2026-0001", "Update firmware to V2.9.7")],
            flows: flows);
        if (wired)
        {
            plant.Path(plant.Entry("it"), plant.Position("ent"), plant.ConduitService("c1", "modbus:tcp/502"), plant.Reach("plc"), plant.Exploit("f-plc"),
                plant.Control("plc"), plant.Manipulate("plc"));
        }

        return plant;
    }

    /// <summary>Removable media lands next to four crown jewels, each only cut by its own patch.</summary>
    private static HandBuiltPlant FourJewelsBehindRemovableMedia()
    {
        var plant = new HandBuiltPlant(
            new InventoryModel
            {
                Sites = [Site("s1"), Site("s2")],
                Zones = [Zone("z", PurdueLevel.BasicControl), Zone("z2", PurdueLevel.BasicControl, "s2")],
                Assets =
                [
                    Asset("any", AssetKind.Plc, "z", "Line 1", downtime: 100, Patchability.AnyTime, jewel: true),
                    Asset("l1", AssetKind.Plc, "z", "Line 1", downtime: 100, jewel: true),
                    Asset("l2", AssetKind.SafetyController, "z", "Line 2", downtime: 100, Patchability.VendorApproval, jewel: true),
                    Asset("far", AssetKind.Plc, "z2", "Line 9", downtime: 100, jewel: true, site: "s2"),
                ],
                EntryPoints = [EntryPoint("media", EntryPointKind.RemovableMedia, "z")],
            },
            findings: [Finding("f-any", "any", "CVE-1"), Finding("f-l1", "l1", "CVE-2"), Finding("f-l2", "l2", "CVE-3"), Finding("f-far", "far", "CVE-4")]);
        var lands = plant.Position("z");
        plant.Path(plant.Entry("media"), lands);
        foreach (var a in new[] { "any", "l1", "l2", "far" })
        {
            plant.Path(lands, plant.Reach(a), plant.Exploit("f-" + a), plant.Control(a));
        }

        return plant;
    }

    /// <summary>Three assets behind removable media, each cut by its own patch: A 2,000, B and C 1,000 each.</summary>
    private static HandBuiltPlant ThreeWeightedAssets()
    {
        var plant = new HandBuiltPlant(
            new InventoryModel
            {
                Sites = [Site()],
                Zones = [Zone("z", PurdueLevel.BasicControl)],
                Assets = [Asset("a", AssetKind.Plc, "z", downtime: 1_000), Asset("b", AssetKind.Hmi, "z", downtime: 1_000), Asset("c", AssetKind.Hmi, "z", downtime: 1_000)],
                EntryPoints = [EntryPoint("media", EntryPointKind.RemovableMedia, "z")],
            },
            findings: [Finding("f-a", "a", "CVE-1"), Finding("f-b", "b", "CVE-2"), Finding("f-c", "c", "CVE-3")]);
        var lands = plant.Position("z");
        plant.Path(plant.Entry("media"), lands);
        foreach (var a in new[] { "a", "b", "c" })
        {
            plant.Path(lands, plant.Reach(a), plant.Exploit("f-" + a), plant.Control(a));
        }

        return plant;
    }

    /// <summary>
    /// A vendor VPN reaches the PLC (crown jewel) over conduit c2 on s7 and https; enterprise IT reaches the HMI over
    /// conduit c1 (modbus, rdp) and from the HMI's trusted session the PLC. The PLC's patch (10,000) would cut both; the
    /// HMI's patch costs 10.
    /// </summary>
    private static HandBuiltPlant VendorAndEnterprise()
    {
        var plant = new HandBuiltPlant(
            new InventoryModel
            {
                Sites = [Site()],
                Zones = [Zone("ent", PurdueLevel.Enterprise), Zone("dmz", PurdueLevel.IndustrialDmz), Zone("ctl", PurdueLevel.BasicControl)],
                Conduits = [Conduit("c1", "ent", "ctl", "modbus:tcp/502", "rdp"), Conduit("c2", "dmz", "ctl", "s7", "https")],
                Assets =
                [
                    Asset("plc", AssetKind.Plc, "ctl", "Line 1", downtime: 5_000, Patchability.AnyTime, jewel: true),
                    Asset("hmi", AssetKind.Hmi, "ctl", "Line 1", downtime: 10, Patchability.AnyTime),
                ],
                EntryPoints = [EntryPoint("it", EntryPointKind.EnterpriseIt, "ent"), EntryPoint("vpn", EntryPointKind.VendorRemoteAccess, "dmz")],
            },
            findings: [Finding("f-plc", "plc", "CVE-1"), Finding("f-hmi", "hmi", "CVE-2")]);
        var plcReach = plant.Reach("plc");
        var plcExploit = plant.Exploit("f-plc");
        plant.Path(plcReach, plcExploit, plant.Control("plc"), plant.Manipulate("plc"));
        var vpnLands = plant.Position("dmz");
        plant.Path(plant.Entry("vpn"), vpnLands);
        plant.Path(vpnLands, plant.ConduitService("c2", "s7"), plcReach);
        plant.Path(vpnLands, plant.ConduitService("c2", "https"), plcReach);
        var itLands = plant.Position("ent");
        var hmiReach = plant.Reach("hmi");
        plant.Path(plant.Entry("it"), itLands);
        plant.Path(itLands, plant.ConduitService("c1", "modbus:tcp/502"), hmiReach);
        plant.Path(itLands, plant.ConduitService("c1", "rdp"), hmiReach);
        plant.Path(hmiReach, plant.Exploit("f-hmi"), plant.Control("hmi"), plcReach);
        return plant;
    }
}
