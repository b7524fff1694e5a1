using Seam.Core.Tests.Exposure.Scenarios;
using Seam.Exposure;
using Seam.Exposure.WhatIf;
using Seam.Inventory;
using static Seam.Inventory.AssetKind;

namespace Seam.Core.Tests.Exposure.Plants;

public sealed class WhatIfPlantTests
{
    private static ExposureAnalysis VendorPlant() => new TestPlant()
        .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l2", PurdueLevel.Supervisory).Zone("l1", PurdueLevel.BasicControl)
        .Asset("ews", "l2", EngineeringWorkstation, "rdp", safety: true)
        .Asset("sis", "l1", SafetyController, "opcua", criticality: 5, jewel: true, safety: true)
        .Conduit("eng", "l2", "l1", "opcua")
        .Entry("vendor-vpn", EntryPointKind.VendorRemoteAccess, "dmz", targets: "ews")
        .Analyze();

    [Fact]
    public void Every_removal_on_the_vendor_plant_gives_what_a_rebuild_gives()
    {
        var baseline = VendorPlant();
        var actions = WhatIfOracle.RemovalActions(baseline).ToList();

        foreach (var action in actions)
        {
            WhatIfOracle.AssertIncrementalMatchesRebuild(baseline, new Scenario(action.Describe(), [action]));
        }

        Assert.Contains(actions, a => a is IsolateAsset);
    }

    [Fact]
    public void Removing_the_vendor_path_cuts_the_safety_controller_off()
    {
        var baseline = VendorPlant();
        var result = ExposureEngine.WhatIf(baseline, new Scenario("Drop the vendor VPN", [new RemoveEntryPoint("vendor-vpn")]));

        Assert.Equal(["sis"], result.CrownJewelsCutOff);
        Assert.Empty(result.CrownJewelsNewlyReachable);
        var removed = Assert.Single(result.PathsRemoved);
        Assert.Equal(("vendor-vpn", "sis"), (removed.EntryPointId, removed.CrownJewelId));
        Assert.Equal(["ews", "sis"], removed.Path.AssetIds);
        Assert.Empty(result.PathsAdded);
        Assert.Equal(0, result.ScoreAfter.Score);
        Assert.True(result.ScoreChange < 0);
        Assert.Contains(result.LevelChanges, c => c.AssetId == "sis" && c.Before == ExposureLevel.Critical && c.After == ExposureLevel.None);
        Assert.Contains("1 crown jewel(s) cut off", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocking_the_engineering_service_on_the_conduit_also_cuts_the_path()
    {
        var result = ExposureEngine.WhatIf(VendorPlant(), new Scenario("Block OPC UA", [new BlockConduitService("eng", ServiceEndpoint.Parse("opcua"))]));

        Assert.Equal(["sis"], result.CrownJewelsCutOff);

        // The EWS itself stays reachable: the vendor still lands on it.
        Assert.DoesNotContain(result.LevelChanges, c => c.AssetId == "ews");
    }

    [Fact]
    public void Requiring_MFA_lowers_the_likelihood_without_cutting_the_path()
    {
        var baseline = VendorPlant();
        var result = ExposureEngine.WhatIf(baseline, new Scenario("MFA", [new RequireMfa("vendor-vpn")]));

        Assert.Empty(result.CrownJewelsCutOff);
        Assert.Empty(result.PathsRemoved);
        Assert.True(result.ScoreAfter.Score < result.ScoreBefore.Score);

        // The stored model is untouched: the baseline still has no MFA and the same score when recomputed.
        Assert.False(baseline.Input.Inventory.EntryPoints.Single().MfaRequired);
        Assert.Equal(baseline.Report.Overall.Score, ExposureEngine.Analyze(baseline.Input).Report.Overall.Score);
    }

    [Fact]
    public void Isolating_the_engineering_workstation_cuts_the_path_and_leaves_the_baseline_alone()
    {
        var baseline = VendorPlant();
        var result = ExposureEngine.WhatIf(baseline, new Scenario("Unplug the EWS", [new IsolateAsset("ews")]));

        Assert.Equal(["sis"], result.CrownJewelsCutOff);
        Assert.Equal("l2", baseline.Input.Inventory.Assets.Single(a => a.Id == "ews").ZoneId);
    }

    [Fact]
    public void A_new_conduit_through_the_diode_makes_the_controller_reachable()
    {
        var plant = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("plc", "ot", Plc, "modbus", criticality: 5, jewel: true)
            .Conduit("diode", "ot", "it", "udp/1-65535", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Finding("f-plc", "plc", kev: true);
        var baseline = plant.Analyze();
        var shortcut = new Conduit
        {
            Id = "remote-support",
            SiteId = TestPlant.Site,
            FromZoneId = "it",
            ToZoneId = "ot",
            Services = [ServiceEndpoint.Parse("modbus")],
            Direction = ConduitDirection.OneWay,
        };

        var result = ExposureEngine.WhatIf(baseline, new Scenario("A remote support shortcut", [new AddConduit(shortcut)]));

        Assert.Equal(["plc"], result.CrownJewelsNewlyReachable);
        var added = Assert.Single(result.PathsAdded);
        Assert.Equal("corp", added.EntryPointId);

        // 0.5 × 0.95 (KEV over modbus) beats 0.5 × 0.9 (unauthenticated Modbus): the plc is controlled.
        Assert.Equal(0.475, added.Path.Likelihood, 9);
        var verdict = Assert.Single(result.VerdictChanges);
        Assert.Equal((FindingVerdict.Theoretical, FindingVerdict.ReachableAndExploitable), (verdict.Before, verdict.After));
        Assert.Equal(2, baseline.Input.Inventory.Conduits.Count + 1);
    }

    [Fact]
    public void Patching_the_jump_host_closes_its_finding_and_the_path_behind_it()
    {
        var baseline = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("dmz", PurdueLevel.IndustrialDmz).Zone("ops", PurdueLevel.Operations)
            .Asset("jump", "dmz", JumpHost, "rdp")
            .Asset("scada", "ops", ScadaServer, "rdp", criticality: 5, jewel: true)
            .Conduit("it-dmz", "it", "dmz", "rdp", ConduitDirection.OneWay)
            .Conduit("dmz-ops", "dmz", "ops", "rdp", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Finding("f-jump", "jump", kev: true)
            .Analyze();

        var result = ExposureEngine.WhatIf(baseline, new Scenario("Patch the jump host", [new PatchFinding("f-jump")]));

        Assert.Equal(["scada"], result.CrownJewelsCutOff);
        Assert.Contains(result.VerdictChanges, v => v.FindingId == "f-jump" && v.After == FindingVerdict.Closed);
    }

    [Fact]
    public void Opening_a_server_to_the_internet_moves_its_SSVC_deployer_decision()
    {
        // KEV (active), AV:N/AC:L/PR:N/UI:N (automatable), criticality 3 and not safety-relevant (human impact low):
        // deployer table row "active, small, yes, low" is Scheduled; once the internet reaches it, "active, open, yes,
        // low" is Out-of-Cycle. CISA's table does not read System Exposure, so its decision stays.
        var baseline = new TestPlant()
            .Zone("edge", PurdueLevel.EnterpriseNetwork).Zone("ops", PurdueLevel.Operations)
            .Asset("srv", "ops", Server, "https")
            .Entry("internet", EntryPointKind.Internet, "edge")
            .Finding("f-srv", "srv", kev: true)
            .Analyze();
        Assert.Equal(Seam.Exposure.Ssvc.DeployerDecision.Scheduled, baseline.Finding("f-srv").Ssvc.Deployer);
        var portForward = new Conduit
        {
            Id = "port-forward",
            SiteId = TestPlant.Site,
            FromZoneId = "edge",
            ToZoneId = "ops",
            Services = [ServiceEndpoint.Parse("https")],
            Direction = ConduitDirection.OneWay,
        };

        var result = ExposureEngine.WhatIf(baseline, new Scenario("Publish the server", [new AddConduit(portForward)]));

        var change = Assert.Single(result.SsvcChanges);
        Assert.Equal((Seam.Exposure.Ssvc.DeployerDecision.Scheduled, Seam.Exposure.Ssvc.DeployerDecision.OutOfCycle), (change.DeployerBefore, change.DeployerAfter));
        Assert.Equal(change.CisaBefore, change.CisaAfter);
    }
}
