using Seam.Exposure;
using Seam.Exposure.Graph;
using Seam.Exposure.Model;
using Seam.Inventory;

namespace Seam.Core.Tests.Exposure.Planning;

/// <summary>
/// An inventory with an attack graph wired by hand, so the planner can be tested on exactly the paths a test draws.
/// Entry nodes are created (and made sources) for every entry point in order; every asset gets a control and a
/// manipulate node. Elements are keyed as the engine keys them: by id, and for conduit services by id and service.
/// </summary>
internal sealed class HandBuiltPlant
{
    private readonly AttackGraphBuilder builder = new();
    private readonly Dictionary<string, int> entryNodes = new(StringComparer.Ordinal);
    private readonly int[] control;
    private readonly int[] manipulate;

    public HandBuiltPlant(InventoryModel inventory, IReadOnlyList<ExposureFinding>? findings = null, IReadOnlyList<ObservedFlow>? flows = null,
        IReadOnlyList<AllowRule>? rules = null, IReadOnlyList<AccessGrant>? grants = null)
    {
        Input = new ExposureInput
        {
            Inventory = inventory,
            Findings = findings ?? [],
            ObservedFlows = flows ?? [],
            AllowRules = rules ?? [],
            AccessGrants = grants ?? [],
            At = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero),
        };
        Index = new ModelIndex(Input);
        for (var e = 0; e < Index.Entries.Count; e++)
        {
            var entry = Index.Entries[e];
            var element = entry.IsRemovable ? builder.Element(new CutElement(ElementKind.EntryPoint, entry.Id, entry.Name)) : -1;
            var node = builder.AddNode(NodeKind.Entry, e, element);
            builder.AddSource(node, 0.5);
            entryNodes[entry.Id] = node;
        }

        control = [.. Index.Assets.Select((_, a) => builder.AddNode(NodeKind.Control, a))];
        manipulate = [.. Index.Assets.Select((_, a) => builder.AddNode(NodeKind.Manipulate, a))];
    }

    public ExposureInput Input { get; }

    public ModelIndex Index { get; }

    public int Entry(string id) => entryNodes[id];

    public int Control(string assetId) => control[Index.AssetIndex[assetId]];

    public int Manipulate(string assetId) => manipulate[Index.AssetIndex[assetId]];

    public int Position(string zoneId) => builder.AddNode(NodeKind.Position, Index.ZoneIndex[zoneId]);

    /// <summary>A new node of the conduit service's element (call twice for its forward and reverse nodes).</summary>
    public int ConduitService(string conduitId, string service) => builder.AddNode(NodeKind.ConduitService, Index.ConduitIndex[conduitId],
        builder.Element(new CutElement(ElementKind.ConduitService, conduitId, conduitId, ServiceEndpoint.Parse(service))));

    /// <summary>Network reach of an asset, removed by isolating it.</summary>
    public int Reach(string assetId) => builder.AddNode(NodeKind.NetworkReach, Index.AssetIndex[assetId],
        builder.Element(new CutElement(ElementKind.Asset, assetId, Index.Assets[Index.AssetIndex[assetId]].Name)));

    public int Exploit(string findingId) => builder.AddNode(NodeKind.Exploit, Index.FindingIndex[findingId],
        builder.Element(new CutElement(ElementKind.Finding, findingId, findingId)));

    public int Rule(string ruleId) => builder.AddNode(NodeKind.AllowRule, 0, builder.Element(new CutElement(ElementKind.AllowRule, ruleId, ruleId)));

    public int Flow(string flowId) => builder.AddNode(NodeKind.ObservedFlow, 0, builder.Element(new CutElement(ElementKind.ObservedFlow, flowId, flowId)));

    public void Path(params int[] nodes)
    {
        for (var i = 0; i + 1 < nodes.Length; i++)
        {
            builder.AddEdge(nodes[i], nodes[i + 1], 0.5, StepKind.Pass);
        }
    }

    /// <summary>Freezes the graph; the report carries only what the planner reads (asset weights, the overall score).</summary>
    public ExposureAnalysis Analysis(double score = 50, IReadOnlyDictionary<string, double>? weights = null)
    {
        var graph = new ExposureGraph(builder.Build(), Index, control, manipulate, [.. Index.Assets.Select(_ => -1)], [.. Index.Findings.Select(_ => -1)],
            new ExploitStep[Index.Findings.Count], new Dictionary<int, RouteInfo>(), [.. Index.Entries.Select(_ => "hand-built")]);
        var report = new ExposureReport
        {
            ComputedAt = Input.At,
            CrownJewels = [],
            Findings = [],
            Assets = [.. Index.Assets.Select(a => new AssetExposure
            {
                AssetId = a.Id,
                Level = ExposureLevel.Medium,
                Weight = weights?.GetValueOrDefault(a.Id) ?? 0,
                Why = "hand-built",
            })],
            EntryPoints = [],
            ChokePoints = ChokePoints.NothingToCut,
            Scores = [new ExposureScore(ScoreScope.Overall, null, "Overall", score, Index.Assets.Count, 0, 0, 0)],
        };
        return new ExposureAnalysis(Input, graph, ExposureEngine.Search(graph.Graph), report);
    }

    public static Site Site(string id = "s1") => new() { Id = id, Name = "Plant " + id };

    public static Zone Zone(string id, PurdueLevel level, string site = "s1") => new() { Id = id, SiteId = site, Name = "Zone " + id, Level = level };

    public static Asset Asset(string id, AssetKind kind, string zone, string? line = null, decimal? downtime = null,
        Patchability patchability = Patchability.MaintenanceWindow, bool jewel = false, string site = "s1") => new()
        {
            Id = id,
            SiteId = site,
            ZoneId = zone,
            Name = id.ToUpperInvariant(),
            Kind = kind,
            ProcessLine = line,
            DowntimeCostPerHour = downtime,
            Patchability = patchability,
            IsCrownJewel = jewel,
        };

    public static EntryPoint EntryPoint(string id, EntryPointKind kind, string zone, string site = "s1") => new()
    {
        Id = id,
        SiteId = site,
        Name = kind == EntryPointKind.VendorRemoteAccess ? "Vendor VPN " + id : "Entry " + id,
        Kind = kind,
        ZoneId = zone,
        Vendor = kind == EntryPointKind.VendorRemoteAccess ? "Krones" : null,
    };

    public static Conduit Conduit(string id, string from, string to, params string[] services) => new()
    {
        Id = id,
        SiteId = "s1",
        Name = id,
        FromZoneId = from,
        ToZoneId = to,
        Services = [.. services.Select(ServiceEndpoint.Parse)],
    };

    public static ExposureFinding Finding(string id, string assetId, string cve, string? remediation = null) => new()
    {
        Id = id,
        AssetId = assetId,
        VulnerabilityId = cve,
        Remediation = remediation,
    };

    public static ObservedFlow ObservedFlow(string id, string from, string to, string service) => new()
    {
        Id = id,
        SiteId = "s1",
        SourceAssetId = from,
        TargetAssetId = to,
        Service = ServiceEndpoint.Parse(service),
    };
}
