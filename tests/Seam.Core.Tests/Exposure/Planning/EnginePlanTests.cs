using Seam.Core.Tests.Exposure.Plants;
using Seam.Exposure;
using Seam.Exposure.Planning;
using Seam.Inventory;
using static Seam.Inventory.AssetKind;

namespace Seam.Core.Tests.Exposure.Planning;

/// <summary>Plans over analyses the engine computes from small inventories; the expected choices are worked out in each test.</summary>
public sealed class EnginePlanTests
{
    // Sunday 22 November 2026, 21:00 UTC.
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 21, 0, 0, TimeSpan.Zero);

    private static readonly MaintenanceWindow LineC = new()
    {
        Id = "w-c",
        SiteId = TestPlant.Site,
        Name = "Line C weekly stop",
        ProcessLine = "Line C",
        Day = DayOfWeek.Wednesday,
        Start = new TimeOnly(22, 0),
    };

    private static readonly MaintenanceWindow LineA = new()
    {
        Id = "w-a",
        SiteId = TestPlant.Site,
        Name = "Line A monthly shutdown",
        ProcessLine = "Line A",
        Day = DayOfWeek.Sunday,
        WeekOfMonth = 1,
        Start = new TimeOnly(2, 0),
    };

    [Fact]
    public void The_engine_plan_blocks_an_unused_conduit_service_rather_than_stop_the_controller()
    {
        // Enterprise IT reaches the PLC's web server over conduit c1 and exploits it. Blocking https on c1 costs 300;
        // the patch costs 2 h × 5,000; the PLC is a crown jewel and is never isolated.
        var baseline = OneConduit(withFlow: false).Analyze();

        var plan = RemediationPlanner.Plan(baseline, new PlanRequest(PlanGoal.CutCrownJewels, null, Now), [LineA]);

        var step = Assert.Single(plan.Steps);
        Assert.Equal(new CutElement(ElementKind.ConduitService, "c1", "it → ot: https:tcp/443", ServiceEndpoint.Parse("https")).Key, step.Action.Element.Key);
        Assert.Equal(300m, plan.TotalCost);
        Assert.Equal(Now, step.When);
        Assert.Equal(2, plan.CandidateCount);
        Assert.True(plan.CutsEveryCrownJewel);
        Assert.True(plan.ProvenOptimal);
        Assert.True(baseline.Report.Overall.Score > 0);
        Assert.Equal(baseline.Report.Overall.Score, plan.ScoreBefore);
        Assert.Equal(0, plan.ScoreAfter);
        Assert.Contains("Cuts corp → PLC", step.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_plan_patches_in_the_next_window_when_production_traffic_uses_the_service()
    {
        // The historian reads the PLC over https: blocking it now costs 300 + 8 h × 5,000, more than the 10,000 patch.
        var baseline = OneConduit(withFlow: true).Analyze();

        var plan = RemediationPlanner.Plan(baseline, new PlanRequest(PlanGoal.CutCrownJewels, null, Now), [LineA]);

        var step = Assert.Single(plan.Steps);
        Assert.Equal(ElementKind.Finding, step.Action.Element.Kind);
        Assert.Equal("f-plc", step.Action.Element.Id);
        Assert.Equal(10_000m, plan.TotalCost);
        Assert.Equal(("w-a", new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero)), (step.WindowId, step.When!.Value));
        Assert.Equal(0, plan.ScoreAfter);
    }

    [Fact]
    public void The_engine_plan_removes_the_vendor_path_now_and_blocks_the_shared_conduit_in_its_window()
    {
        // corp reaches plc1 and plc2 over c1 (https, also used by hist → hmi on Line C); the vendor path lands on plc2,
        // whose patch needs the vendor (2 h × 5,000 + 1,500). Options: patch both (200 + 11,500); block c1 and remove the
        // vendor path (300 + 8 h × 100 + 2,000 = 3,100); patch plc1 and … plc2 still needs c1 and the vendor or its own patch.
        var baseline = TwoJewelsAndAVendor().Analyze();

        var plan = RemediationPlanner.Plan(baseline, new PlanRequest(PlanGoal.CutCrownJewels, null, Now), [LineA, LineC]);

        Assert.Equal([ElementKind.EntryPoint, ElementKind.ConduitService], plan.Steps.Select(s => s.Action.Element.Kind));
        Assert.Equal(["vendor", "c1"], plan.Steps.Select(s => s.Action.Element.Id));
        Assert.Equal([Now, new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero)], plan.Steps.Select(s => s.When!.Value));
        Assert.Equal(3_100m, plan.TotalCost);
        Assert.True(plan.CutsEveryCrownJewel);
        Assert.True(plan.ProvenOptimal);
        Assert.Equal(0, plan.ScoreAfter);
        Assert.Contains("observed traffic uses it", plan.Steps[1].Action.CostWhy, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_plan_within_a_small_budget_takes_the_cheapest_jewel_off_the_map()
    {
        // 2,500 cannot cut plc2 (it needs the vendor path and c1 gone: 3,100, or its own 11,500 patch); it can cut plc1,
        // most cheaply by its 200 any-time patch. Both jewels weigh the same (criticality 3 × 2 for a crown jewel).
        var baseline = TwoJewelsAndAVendor().Analyze();

        var plan = RemediationPlanner.Plan(baseline, new PlanRequest(PlanGoal.MostExposureWithinBudget, 2_500m, Now), [LineA, LineC]);

        Assert.Equal("f-plc1", Assert.Single(plan.Steps).Action.Element.Id);
        Assert.Equal(200m, plan.TotalCost);
        Assert.False(plan.CutsEveryCrownJewel);
        Assert.True(plan.ProvenOptimal);
        Assert.True(plan.ScoreAfter < plan.ScoreBefore);
        Assert.Contains("PLC2 can still be reached", plan.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_reports_choke_points_from_the_cut_solver()
    {
        var baseline = TwoJewelsAndAVendor().Analyze();

        var choke = baseline.Report.ChokePoints;

        // Network changes only: c1/https and the vendor path; patches do not count.
        Assert.True(choke.Cuttable);
        Assert.True(choke.ProvenMinimal);
        Assert.Equal(["conduit-service:c1/https:tcp/443", "entry-point:vendor"], choke.Elements.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_engine_plan_withdraws_a_pinhole_rather_than_patch_the_workstation_behind_it()
    {
        // The attacker takes the engineering workstation in IT (its finding), then uses the allow rule ews → plc on https.
        // Withdrawing the rule costs 300; patching the workstation 1 h × 1,000; isolating it 500 + 8 h × 1,000; the PLC
        // patch 2 h × 5,000.
        var baseline = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("ews", "it", EngineeringWorkstation, "rdp", downtimeCost: 1_000)
            .Asset("plc", "ot", Plc, "https", jewel: true, line: "Line A", downtimeCost: 5_000)
            .Rule("r1", "ews", "plc", "https")
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Finding("f-ews", "ews", kev: true)
            .Finding("f-plc", "plc", kev: true)
            .Analyze();

        var plan = RemediationPlanner.Plan(baseline, new PlanRequest(PlanGoal.CutCrownJewels, null, Now), []);

        var step = Assert.Single(plan.Steps);
        Assert.Equal((ElementKind.AllowRule, "r1"), (step.Action.Element.Kind, step.Action.Element.Id));
        Assert.Equal(300m, plan.TotalCost);
        Assert.True(plan.CutsEveryCrownJewel);
        Assert.True(plan.ScoreAfter < plan.ScoreBefore);
    }

    private static TestPlant OneConduit(bool withFlow)
    {
        var plant = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("hist", "it", Historian)
            .Asset("plc", "ot", Plc, "https", jewel: true, line: "Line A", downtimeCost: 5_000)
            .Conduit("c1", "it", "ot", "https")
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Finding("f-plc", "plc", kev: true);
        return withFlow ? plant.Flow("flow-1", "hist", "plc", "https") : plant;
    }

    private static TestPlant TwoJewelsAndAVendor() => new TestPlant()
        .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
        .Asset("hist", "it", Historian)
        .Asset("hmi", "ot", Hmi, "https", line: "Line C", downtimeCost: 100)
        .Asset("plc1", "ot", Plc, "https", jewel: true, line: "Line A", downtimeCost: 100, patchability: Patchability.AnyTime)
        .Asset("plc2", "ot", Plc, "https", jewel: true, line: "Line B", downtimeCost: 5_000, patchability: Patchability.VendorApproval)
        .Conduit("c1", "it", "ot", "https")
        .Entry("corp", EntryPointKind.EnterpriseIt, "it")
        .Entry("vendor", EntryPointKind.VendorRemoteAccess, null, targets: "plc2")
        .Finding("f-plc1", "plc1", kev: true)
        .Finding("f-plc2", "plc2", kev: true)
        .Flow("flow-1", "hist", "hmi", "https");
}
