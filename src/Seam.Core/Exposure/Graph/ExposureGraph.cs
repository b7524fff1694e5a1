using Seam.Exposure.Model;
using Seam.Inventory;

namespace Seam.Exposure.Graph;

/// <summary>An entry point as the engine sees it: a standing one from the inventory, or an active access grant.</summary>
public sealed record EntrySource(string Id, string SiteId, string Name, EntryPointKind Kind, string? ZoneId, IReadOnlyList<string> TargetAssetIds,
    bool MfaRequired, RemoteAccessAvailability Availability, bool IsAccessGrant, string? Vendor, string? Method)
{
    /// <summary>Only paths someone can switch off are cut elements: vendor remote access and access grants.</summary>
    public bool IsRemovable => IsAccessGrant || Kind == EntryPointKind.VendorRemoteAccess;
}

/// <summary>The inventory indexed by position, so the graph can refer to things by integer.</summary>
public sealed class ModelIndex
{
    public ModelIndex(ExposureInput input)
    {
        var model = input.Inventory;
        Sites = model.Sites;
        Zones = model.Zones;
        Conduits = model.Conduits;
        Assets = model.Assets;
        AllowRules = input.AllowRules;
        Flows = input.ObservedFlows;
        Findings = input.Findings;
        var entries = model.EntryPoints
            .Select(e => new EntrySource(e.Id, e.SiteId, e.Name, e.Kind, e.ZoneId, e.TargetAssetIds, e.MfaRequired, e.Availability, false, e.Vendor, e.Method))
            .ToList();
        entries.AddRange(input.AccessGrants.Where(g => g.IsActiveAt(input.At)).Select(g => new EntrySource(
            g.Id, g.SiteId, $"Access grant for {g.Grantee}", EntryPointKind.VendorRemoteAccess, g.ZoneId, g.AssetIds, g.MfaRequired,
            RemoteAccessAvailability.OnDemand, true, g.Vendor, g.Method)));
        Entries = entries;
        AssetIndex = Index(Assets, a => a.Id);
        ZoneIndex = Index(Zones, z => z.Id);
        // The graph build needs only assets and zones by id; plans and what-ifs look up the rest, a few at a time.
        conduitIndex = new(() => Index(Conduits, c => c.Id));
        entryIndex = new(() => Index(Entries, e => e.Id));
        findingIndex = new(() => Index(Findings, f => f.Id));
        siteById = new(() => Sites.ToDictionary(s => s.Id, StringComparer.Ordinal));
    }

    private readonly Lazy<Dictionary<string, int>> conduitIndex;
    private readonly Lazy<Dictionary<string, int>> entryIndex;
    private readonly Lazy<Dictionary<string, int>> findingIndex;
    private readonly Lazy<Dictionary<string, Site>> siteById;

    public IReadOnlyList<Site> Sites { get; }

    public IReadOnlyList<Zone> Zones { get; }

    public IReadOnlyList<Conduit> Conduits { get; }

    public IReadOnlyList<Asset> Assets { get; }

    public IReadOnlyList<AllowRule> AllowRules { get; }

    public IReadOnlyList<ObservedFlow> Flows { get; }

    public IReadOnlyList<ExposureFinding> Findings { get; }

    public IReadOnlyList<EntrySource> Entries { get; }

    public IReadOnlyDictionary<string, int> AssetIndex { get; }

    public IReadOnlyDictionary<string, int> ZoneIndex { get; }

    public IReadOnlyDictionary<string, int> ConduitIndex => conduitIndex.Value;

    public IReadOnlyDictionary<string, int> EntryIndex => entryIndex.Value;

    public IReadOnlyDictionary<string, int> FindingIndex => findingIndex.Value;

    public IReadOnlyDictionary<string, Site> SiteById => siteById.Value;

    private static Dictionary<string, int> Index<T>(IReadOnlyList<T> items, Func<T, string> id)
    {
        var index = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            index.TryAdd(id(items[i]), i);
        }

        return index;
    }
}

/// <summary>What a route node (conduit service, allow rule, observed flow, trusted route) stands for.</summary>
/// <param name="Kind">How packets pass: <see cref="StepKind.SameZone"/>, <see cref="StepKind.ConduitForward"/>, <see cref="StepKind.ConduitReverse"/>, <see cref="StepKind.AllowRule"/> or <see cref="StepKind.ObservedFlow"/>.</param>
/// <param name="Via">Zone index for same-zone routes; conduit, rule or flow index otherwise.</param>
/// <param name="Service">The service the route carries; null for same-zone routes (everything passes).</param>
/// <param name="Trust">For trusted routes: whose sessions travel on it.</param>
public readonly record struct RouteInfo(StepKind Kind, int Via, Inventory.ServiceEndpoint? Service, TrustClass Trust);

/// <summary>The attack graph with the index it was built from and the nodes that matter per asset and finding.</summary>
/// <param name="ControlNode">Per asset index: its <see cref="NodeKind.Control"/> node.</param>
/// <param name="ManipulateNode">Per asset index: its <see cref="NodeKind.Manipulate"/> node.</param>
/// <param name="ExploitNode">Per finding index: its <see cref="NodeKind.Exploit"/> node, or -1 when the finding cannot be a network step.</param>
/// <param name="Steps">Per finding index: how likely its exploitation is once reached, and why.</param>
/// <param name="Routes">Per route node (conduit service, rule, flow, trusted route): what it stands for.</param>
/// <param name="EntryLikelihoodWhy">Per entry index: why the entry point has its likelihood.</param>
/// <param name="NetworkReachNode">Per asset index: its <see cref="NodeKind.NetworkReach"/> node.</param>
public sealed record ExposureGraph(AttackGraph Graph, ModelIndex Index, int[] ControlNode, int[] ManipulateNode, int[] NetworkReachNode, int[] ExploitNode,
    ExploitStep[] Steps, IReadOnlyDictionary<int, RouteInfo> Routes, string[] EntryLikelihoodWhy)
{
    /// <summary>Control and manipulate nodes of every crown jewel: the targets of choke points and of the plan.</summary>
    public IReadOnlyList<int> CrownJewelTargets()
    {
        var targets = new List<int>();
        for (var a = 0; a < Index.Assets.Count; a++)
        {
            if (Index.Assets[a].IsCrownJewel)
            {
                targets.Add(ControlNode[a]);
                targets.Add(ManipulateNode[a]);
            }
        }

        return targets;
    }
}
