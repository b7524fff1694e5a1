using Seam.Exposure;
using Seam.Exposure.Graph;
using Seam.Exposure.Model;
using Seam.Exposure.Planning;
using Seam.Inventory;
using static Seam.Core.Tests.Exposure.Planning.HandBuiltPlant;

namespace Seam.Core.Tests.Exposure.Planning;

public sealed class CandidateActionsTests
{
    private static readonly PlanCosts Costs = new();

    private static readonly ModelIndex Plant = new HandBuiltPlant(
        new InventoryModel
        {
            Sites = [Site()],
            Zones = [Zone("ent", PurdueLevel.Enterprise), Zone("ctl", PurdueLevel.BasicControl)],
            Conduits = [Conduit("c1", "ent", "ctl", "modbus:tcp/502", "https")],
            Assets =
            [
                Asset("plc", AssetKind.Plc, "ctl", "Line 1", downtime: 5_000),
                Asset("sis", AssetKind.SafetyController, "ctl", "Line 1", downtime: 8_000, Patchability.VendorApproval, jewel: true),
                Asset("hmi", AssetKind.Hmi, "ctl", "Line 1", patchability: Patchability.AnyTime),
                Asset("old", AssetKind.Plc, "ctl", "Line 1", patchability: Patchability.Never),
                Asset("hist", AssetKind.Historian, "ent"),
            ],
            EntryPoints = [EntryPoint("it", EntryPointKind.EnterpriseIt, "ent"), EntryPoint("vpn", EntryPointKind.VendorRemoteAccess, "ent")],
        },
        findings:
        [
            Finding("f-plc", "plc", "CVE-2026-0001", "Update firmware to V2.9.7"),
            Finding("f-sis", "sis", "CVE-2026-0002"),
            Finding("f-hmi", "hmi", "CVE-2026-0003"),
            Finding("f-old", "old", "CVE-2026-0004"),
        ],
        flows: [ObservedFlow("flow-1", "hist", "plc", "modbus:tcp/502")],
        rules: [new AllowRule { Id = "rule-1", SiteId = "s1", FromAssetId = "hist", ToAssetId = "plc", Services = [ServiceEndpoint.Parse("pi")] }],
        grants:
        [
            new AccessGrant
            {
                Id = "grant-1", SiteId = "s1", Grantee = "Jo from Krones", ZoneId = "ctl",
                From = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 11, 22, 18, 0, 0, TimeSpan.Zero),
            },
        ]).Index;

    public static TheoryData<AssetKind, double> PatchHours => new()
    {
        { AssetKind.Plc, 2 }, { AssetKind.Rtu, 2 }, { AssetKind.Ied, 2 }, { AssetKind.Drive, 2 },
        { AssetKind.SafetyController, 4 },
        { AssetKind.Hmi, 1 }, { AssetKind.EngineeringWorkstation, 1 }, { AssetKind.Workstation, 1 },
        { AssetKind.Historian, 2 }, { AssetKind.ScadaServer, 2 }, { AssetKind.Server, 2 }, { AssetKind.JumpHost, 2 },
        { AssetKind.Switch, 1 }, { AssetKind.Firewall, 1 }, { AssetKind.VpnGateway, 1 },
        { AssetKind.FieldDevice, 1 },
    };

    [Theory]
    [MemberData(nameof(PatchHours))]
    public void Patch_downtime_follows_the_asset_kind(AssetKind kind, double hours) =>
        Assert.Equal(hours, CandidateActions.PatchDowntimeHours(kind));

    [Fact]
    public void A_controller_patch_costs_its_downtime_and_waits_for_a_window()
    {
        var patch = Candidate(ElementKind.Finding, "f-plc");

        Assert.Equal(2 * 5_000m, patch.Cost);
        Assert.Equal(2, patch.DowntimeHours);
        Assert.True(patch.NeedsMaintenanceWindow);
        Assert.False(patch.NeedsVendorApproval);
        Assert.Equal(("s1", "Line 1"), (patch.SiteId, patch.ProcessLine));
        Assert.Equal("Patch CVE-2026-0001 on PLC (Update firmware to V2.9.7)", patch.Title);
        Assert.Contains("2 h of downtime", patch.CostWhy, StringComparison.Ordinal);
        Assert.Contains("5,000/h", patch.CostWhy, StringComparison.Ordinal);
        Assert.Contains("Update firmware to V2.9.7", patch.ForIt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_needing_vendor_approval_adds_the_vendor_cost()
    {
        var patch = Candidate(ElementKind.Finding, "f-sis");

        Assert.Equal(4 * 8_000m + 1_500m, patch.Cost);
        Assert.True(patch.NeedsMaintenanceWindow);
        Assert.True(patch.NeedsVendorApproval);
        Assert.Contains("vendor's approval", patch.CostWhy, StringComparison.Ordinal);
    }

    [Fact]
    public void An_asset_patchable_any_time_needs_no_window_and_falls_back_to_the_default_rate()
    {
        var patch = Candidate(ElementKind.Finding, "f-hmi");

        Assert.Equal(1 * 1_000m, patch.Cost);
        Assert.False(patch.NeedsMaintenanceWindow);
        Assert.Contains("default downtime cost", patch.CostWhy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_on_an_asset_that_is_never_patched_is_no_candidate() =>
        Assert.Null(CandidateActions.For(new CutElement(ElementKind.Finding, "f-old", "f-old"), Plant, Costs));

    [Fact]
    public void Blocking_an_unused_conduit_service_is_a_firewall_change_done_now()
    {
        var block = Candidate(ElementKind.ConduitService, "c1", "https");

        Assert.Equal(300m, block.Cost);
        Assert.False(block.NeedsMaintenanceWindow);
        Assert.Equal(0, block.DowntimeHours);
        Assert.Equal("Block https:tcp/443 on conduit c1 (Zone ent → Zone ctl)", block.Title);
    }

    [Fact]
    public void Blocking_a_service_observed_traffic_uses_costs_the_target_line_a_day_of_re_engineering()
    {
        var block = Candidate(ElementKind.ConduitService, "c1", "modbus:tcp/502");

        Assert.Equal(300m + 8 * 5_000m, block.Cost);
        Assert.True(block.NeedsMaintenanceWindow);
        Assert.Equal("Line 1", block.ProcessLine);
        Assert.Contains("observed traffic uses it", block.CostWhy, StringComparison.Ordinal);
        Assert.Contains("hist → plc", block.ForOt, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_vendor_remote_access_and_access_grants_can_be_removed()
    {
        var vpn = Candidate(ElementKind.EntryPoint, "vpn");
        var grant = Candidate(ElementKind.EntryPoint, "grant-1");

        Assert.Equal(2_000m, vpn.Cost);
        Assert.False(vpn.NeedsMaintenanceWindow);
        Assert.Equal(2_000m, grant.Cost);
        Assert.StartsWith("Revoke", grant.Title, StringComparison.Ordinal);
        Assert.Null(CandidateActions.For(new CutElement(ElementKind.EntryPoint, "it", "it"), Plant, Costs));
    }

    [Fact]
    public void Allow_rules_and_observed_flows_cost_a_firewall_change()
    {
        var rule = Candidate(ElementKind.AllowRule, "rule-1");
        var flow = Candidate(ElementKind.ObservedFlow, "flow-1");

        Assert.Equal((300m, false), (rule.Cost, rule.NeedsMaintenanceWindow));
        Assert.Equal((300m, false), (flow.Cost, flow.NeedsMaintenanceWindow));
        Assert.Equal("Stop observed flow hist → plc (modbus:tcp/502)", flow.Title);
    }

    [Fact]
    public void Isolating_an_asset_costs_a_fixed_part_and_a_working_day_of_its_downtime_but_never_touches_a_crown_jewel()
    {
        var plc = Candidate(ElementKind.Asset, "plc");
        var hmi = Candidate(ElementKind.Asset, "hmi");

        Assert.Equal(500m + 8 * 5_000m, plc.Cost);
        Assert.True(plc.NeedsMaintenanceWindow);
        Assert.Equal(500m + 8 * 1_000m, hmi.Cost);
        Assert.False(hmi.NeedsMaintenanceWindow);
        Assert.Null(CandidateActions.For(new CutElement(ElementKind.Asset, "sis", "SIS"), Plant, Costs));
    }

    [Fact]
    public void Cost_defaults_can_be_overridden_per_request()
    {
        var costs = new PlanCosts { BlockServiceCost = 50, DefaultDowntimeCostPerHour = 10 };

        var block = CandidateActions.For(new CutElement(ElementKind.ConduitService, "c1", "c1", ServiceEndpoint.Parse("https")), Plant, costs);
        var patch = CandidateActions.For(new CutElement(ElementKind.Finding, "f-hmi", "f-hmi"), Plant, costs);

        Assert.Equal(50m, block?.Cost);
        Assert.Equal(10m, patch?.Cost);
    }

    private static CandidateAction Candidate(ElementKind kind, string id, string? service = null)
    {
        var action = CandidateActions.For(new CutElement(kind, id, id, service is null ? null : ServiceEndpoint.Parse(service)), Plant, Costs);
        Assert.NotNull(action);
        return action;
    }
}
