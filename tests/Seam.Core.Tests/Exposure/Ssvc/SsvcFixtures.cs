using Seam.Exposure.Model;
using Seam.Exposure.Ssvc;
using Seam.Inventory;

namespace Seam.Core.Tests.Exposure.Ssvc;

internal static class SsvcFixtures
{
    public const string NetworkTotal = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

    public static Asset Asset(int criticality = 3, bool crownJewel = false, bool safety = false, AssetKind kind = AssetKind.Plc) => new()
    {
        Id = "asset-1",
        SiteId = "site-1",
        Name = "PLC-07",
        Kind = kind,
        Criticality = criticality,
        IsCrownJewel = crownJewel,
        SafetyRelevant = safety,
    };

    public static ExposureFinding Finding(string? vector = NetworkTotal, ExploitEvidence? evidence = null) => new()
    {
        Id = "finding-1",
        AssetId = "asset-1",
        VulnerabilityId = "CVE-2024-0001",
        CvssVector = vector,
        Evidence = evidence ?? ExploitEvidence.None,
    };

    public static SsvcAssessment Assess(
        ExposureFinding? finding = null,
        Asset? asset = null,
        SystemExposure exposure = SystemExposure.Controlled,
        string exposureWhy = "Reachable from the vendor VPN through the cell firewall.") =>
        SsvcAssessor.Assess(new SsvcInputs(finding ?? Finding(), asset ?? Asset(), exposure, exposureWhy));

    public static SsvcPoint Point(this SsvcAssessment assessment, string id) => Assert.Single(assessment.Points, p => p.Id == id);
}
