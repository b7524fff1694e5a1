using Seam.Exposure;
using Seam.Exposure.Model;
using Seam.Intelligence.Findings;
using Seam.Inventory;

namespace Seam.Core.Tests.Exposure.Plants;

/// <summary>A small plant written in a few lines, for tests whose right answers are worked out by hand.</summary>
internal sealed class TestPlant
{
    public const string Site = "plant";

    private readonly List<Zone> zones = [];
    private readonly List<Asset> assets = [];
    private readonly List<Conduit> conduits = [];
    private readonly List<EntryPoint> entries = [];
    private readonly List<ExposureFinding> findings = [];
    private readonly List<AllowRule> rules = [];
    private readonly List<ObservedFlow> flows = [];
    private readonly List<AccessGrant> grants = [];

    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public TestPlant Zone(string id, PurdueLevel level)
    {
        zones.Add(new Zone { Id = id, SiteId = Site, Name = id.ToUpperInvariant(), Level = level });
        return this;
    }

    public TestPlant Asset(string id, string? zone, AssetKind kind, string services = "", int criticality = 3, bool jewel = false, bool safety = false,
        string? line = null, decimal? downtimeCost = null, Patchability patchability = Patchability.MaintenanceWindow)
    {
        assets.Add(new Asset
        {
            Id = id,
            SiteId = Site,
            ZoneId = zone,
            Name = id.ToUpperInvariant(),
            Kind = kind,
            Services = Services(services),
            Criticality = criticality,
            IsCrownJewel = jewel,
            SafetyRelevant = safety,
            ProcessLine = line,
            DowntimeCostPerHour = downtimeCost,
            Patchability = patchability,
        });
        return this;
    }

    public TestPlant Conduit(string id, string from, string to, string services, ConduitDirection direction = ConduitDirection.Bidirectional)
    {
        conduits.Add(new Conduit
        {
            Id = id,
            SiteId = Site,
            Name = $"{from} → {to}",
            FromZoneId = from,
            ToZoneId = to,
            Services = Services(services),
            Direction = direction,
            EnforcedBy = "FW",
        });
        return this;
    }

    public TestPlant Entry(string id, EntryPointKind kind, string? zone, string targets = "", bool mfa = false,
        RemoteAccessAvailability availability = RemoteAccessAvailability.AlwaysOn)
    {
        entries.Add(new EntryPoint
        {
            Id = id,
            SiteId = Site,
            Name = id,
            Kind = kind,
            ZoneId = zone,
            TargetAssetIds = Split(targets),
            MfaRequired = mfa,
            Availability = availability,
            Vendor = kind == EntryPointKind.VendorRemoteAccess ? "Vendor" : null,
        });
        return this;
    }

    public TestPlant Finding(string id, string asset, string? vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", bool kev = false, double? epss = null,
        FindingState state = FindingState.Open, MatchConfidence confidence = MatchConfidence.Identifier, string? exploitStatus = null)
    {
        findings.Add(new ExposureFinding
        {
            Id = id,
            AssetId = asset,
            VulnerabilityId = "CVE-2026-" + (10000 + findings.Count).ToString(System.Globalization.CultureInfo.InvariantCulture),
            State = state,
            Confidence = confidence,
            CvssVector = vector,
            Evidence = new ExploitEvidence(InKev: kev, EpssProbability: epss, CsafExploitStatus: exploitStatus),
            Remediation = "update firmware",
        });
        return this;
    }

    public TestPlant Rule(string id, string from, string to, string services)
    {
        rules.Add(new AllowRule { Id = id, SiteId = Site, FromAssetId = from, ToAssetId = to, Services = Services(services) });
        return this;
    }

    public TestPlant Flow(string id, string from, string to, string service)
    {
        flows.Add(new ObservedFlow { Id = id, SiteId = Site, SourceAssetId = from, TargetAssetId = to, Service = ServiceEndpoint.Parse(service), Source = "test.pcap" });
        return this;
    }

    public TestPlant Grant(string id, string zone, string targets, DateTimeOffset from, DateTimeOffset to, bool mfa = false)
    {
        grants.Add(new AccessGrant { Id = id, SiteId = Site, Grantee = "vendor engineer", ZoneId = zone, AssetIds = Split(targets), From = from, To = to, MfaRequired = mfa });
        return this;
    }

    public ExposureInput Input() => new()
    {
        Inventory = new InventoryModel
        {
            Sites = [new Site { Id = Site, Name = "Test plant" }],
            Zones = zones,
            Conduits = conduits,
            Assets = assets,
            EntryPoints = entries,
        },
        Findings = findings,
        AllowRules = rules,
        ObservedFlows = flows,
        AccessGrants = grants,
        At = Now,
    };

    public ExposureAnalysis Analyze() => ExposureEngine.Analyze(Input());

    private static IReadOnlyList<ServiceEndpoint> Services(string text) =>
        [.. Split(text).Select(ServiceEndpoint.Parse)];

    private static IReadOnlyList<string> Split(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

internal static class AnalysisReading
{
    public static CrownJewelStatus Jewel(this ExposureAnalysis analysis, string id) => analysis.Report.CrownJewels.Single(j => j.AssetId == id);

    public static AssetExposure Asset(this ExposureAnalysis analysis, string id) => analysis.Report.Assets.Single(a => a.AssetId == id);

    public static FindingExposure Finding(this ExposureAnalysis analysis, string id) => analysis.Report.Findings.Single(f => f.FindingId == id);

    public static IReadOnlyList<HopKind> Kinds(this AttackPath path) => [.. path.Hops.Select(h => h.Kind)];
}
