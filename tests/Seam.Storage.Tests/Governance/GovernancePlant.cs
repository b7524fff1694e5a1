using Seam.Intelligence.Findings;
using Seam.Inventory;

namespace Seam.Storage.Tests.Governance;

/// <summary>A small site and a policy whose routes are easy to predict: office work is IT's, control work OT's, access both.</summary>
internal static class GovernancePlant
{
    public const string Policy = """
        version: 1
        seam-owner: seam
        teams:
          - id: seam
            name: Seam owner
            side: joint
            members: [sam, sara]
          - id: it
            name: Site IT
            side: it
            members: [ian, ivy]
            escalates-to: seam
          - id: ot
            name: Automation
            side: ot
            members: [otto, olga]
            escalates-to: seam
        rules:
          - id: office-changes
            scenarios: [change/*]
            scope: { purdue-levels: [4, 5] }
            responsible: it
            approvers: { any-of: [it] }
            informed: [ot]
            deadline: 3d
          - id: control-changes
            scenarios: [change/*]
            scope: { purdue-levels: [0, 1, 2, 3] }
            responsible: ot
            approvers: { all-of: [ot] }
            consulted: [it]
            deadline: 5d
          - id: access
            scenarios: [access/*]
            responsible: it
            approvers: { all-of: [it, ot] }
            deadline: 1d
          - id: group
            scenarios: [incident, solution, risk-acceptance, active-scan]
            responsible: seam
            approvers: { any-of: [seam] }
            deadline: 2d
        """;

    public static InventoryModel Plant() => new()
    {
        Sites = [new Site { Id = "riverside", Name = "Riverside" }, new Site { Id = "eastport", Name = "Eastport" }],
        Zones =
        [
            new Zone { Id = "z-office", SiteId = "riverside", Name = "Office", Level = PurdueLevel.Enterprise },
            new Zone { Id = "z-control", SiteId = "riverside", Name = "Line 1 control", Level = PurdueLevel.BasicControl },
            new Zone { Id = "z-dmz", SiteId = "riverside", Name = "Industrial DMZ", Level = PurdueLevel.IndustrialDmz },
            new Zone { Id = "e-office", SiteId = "eastport", Name = "Office", Level = PurdueLevel.Enterprise },
        ],
        Assets =
        [
            new Asset { Id = "ws-1", SiteId = "riverside", ZoneId = "z-office", Name = "Office PC", Kind = AssetKind.Workstation, Criticality = 2 },
            new Asset { Id = "plc-1", SiteId = "riverside", ZoneId = "z-control", Name = "Filler PLC", Kind = AssetKind.Plc, Criticality = 4 },
            new Asset { Id = "plc-2", SiteId = "riverside", ZoneId = "z-control", Name = "Capper PLC", Kind = AssetKind.Plc, Criticality = 5 },
            new Asset { Id = "sis-1", SiteId = "riverside", ZoneId = "z-control", Name = "Safety PLC", Kind = AssetKind.SafetyController, Criticality = 5, SafetyRelevant = true },
            new Asset { Id = "e-ws-1", SiteId = "eastport", ZoneId = "e-office", Name = "Eastport PC", Kind = AssetKind.Workstation, Criticality = 2 },
        ],
    };

    /// <summary>An open finding on plc-1, written directly (no advisory import needed to decide on it).</summary>
    public static (Finding Finding, FindingStateChange Created) OpenFinding(DateTimeOffset at) => Finding.Create(new Finding
    {
        Id = "f-plc-1",
        AssetId = "plc-1",
        SiteId = "riverside",
        VulnerabilityId = "CVE-2026-0001",
        AdvisoryId = "adv-1",
        AdvisoryVersion = "1",
        ProductId = "p-1",
        ProductName = "Filler PLC firmware",
        Explanation = "test finding",
        ForIt = "Firmware in the affected range.",
        ForOt = "The filler PLC runs an affected firmware.",
    }, FindingState.Open, at, "affected version");
}
