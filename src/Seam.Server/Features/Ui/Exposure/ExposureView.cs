using Seam.Exposure;
using Seam.Exposure.Model;
using Seam.Exposure.Planning;
using Seam.Inventory;

namespace Seam.Server.Features.Ui.Exposure;

/// <summary>
/// One exposure analysis as one reader may see it: only what lies on the sites they hold a role on, every id
/// resolved to a name. The engine computes over the whole company; this is where the UI narrows it to the reader.
/// </summary>
public sealed class ExposureView
{
    private readonly IReadOnlySet<string>? visibleSites;
    private readonly Dictionary<string, Asset> assets;
    private readonly Dictionary<string, Zone> zones;
    private readonly Dictionary<string, Site> sites;
    private readonly Dictionary<string, Conduit> conduits;
    private readonly Dictionary<string, (string Name, string SiteId, string? ZoneId)> entries;
    private readonly Dictionary<string, AllowRule> rules;
    private readonly Dictionary<string, ObservedFlow> flows;
    private readonly Dictionary<string, ExposureFinding> findings;
    private readonly Dictionary<string, FindingExposure> findingResults;

    /// <param name="visibleSites">The reader's sites; null for a reader who sees every site.</param>
    public ExposureView(ExposureAnalysis analysis, IReadOnlySet<string>? visibleSites)
    {
        this.visibleSites = visibleSites;
        Analysis = analysis;
        var input = analysis.Input;
        var model = input.Inventory;
        assets = ById(model.Assets, a => a.Id);
        zones = ById(model.Zones, z => z.Id);
        sites = ById(model.Sites, s => s.Id);
        conduits = ById(model.Conduits, c => c.Id);
        rules = ById(input.AllowRules, r => r.Id);
        flows = ById(input.ObservedFlows, f => f.Id);
        findings = ById(input.Findings, f => f.Id);
        findingResults = ById(analysis.Report.Findings, f => f.FindingId);
        entries = new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal);
        foreach (var e in model.EntryPoints)
        {
            entries.TryAdd(e.Id, (e.Name, e.SiteId, e.ZoneId));
        }

        foreach (var g in input.AccessGrants)
        {
            entries.TryAdd(g.Id, ($"Access grant for {g.Grantee}", g.SiteId, g.ZoneId));
        }

        var report = analysis.Report;
        CrownJewels = [.. report.CrownJewels.Where(c => CanSeeSite(c.SiteId))
            .OrderByDescending(c => c.Reachable).ThenByDescending(c => c.Manipulable).ThenByDescending(c => c.Likelihood)
            .ThenByDescending(c => c.SafetyRelevant).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
        ReachableFindings = [.. report.Findings.Where(f => f.Verdict == FindingVerdict.ReachableAndExploitable && CanSeeAsset(f.AssetId))
            .OrderByDescending(f => f.Ssvc.Deployer).ThenByDescending(f => f.Ssvc.Cisa)
            .ThenByDescending(f => f.BestPath?.Likelihood ?? 0).ThenBy(f => f.FindingId, StringComparer.Ordinal)];
        EntryPoints = [.. report.EntryPoints.Where(e => CanSeeSite(EntrySite(e.EntryPointId)))
            .OrderByDescending(e => e.CrownJewelsReached).ThenByDescending(e => e.AssetsReached).ThenByDescending(e => e.Likelihood)];
        SiteScores = [.. report.Scores.Where(s => s.Scope == ScoreScope.Site && s.ScopeId is { } id && CanSeeSite(id)).OrderByDescending(s => s.Score)];
        ZoneScores = [.. report.Scores.Where(s => s.Scope == ScoreScope.Zone && s.ScopeId is { } id && CanSeeSite(zones.GetValueOrDefault(id)?.SiteId))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
        ChokePoints = [.. report.ChokePoints.Elements.Where(e => CanSeeSite(SiteOf(e)))];
    }

    public ExposureAnalysis Analysis { get; }

    public ExposureReport Report => Analysis.Report;

    public bool SeesAllSites => visibleSites is null;

    /// <summary>Reachable first, then the ones that can change the process, then the most likely.</summary>
    public IReadOnlyList<CrownJewelStatus> CrownJewels { get; }

    /// <summary>Findings an entry point reaches and can exploit, the most urgent deployer decision first.</summary>
    public IReadOnlyList<FindingExposure> ReachableFindings { get; }

    public IReadOnlyList<EntryPointReach> EntryPoints { get; }

    public IReadOnlyList<ExposureScore> SiteScores { get; }

    public IReadOnlyList<ExposureScore> ZoneScores { get; }

    /// <summary>The choke points on the reader's sites; a site-scoped reader does not see another site's.</summary>
    public IReadOnlyList<CutElement> ChokePoints { get; }

    /// <summary>The company score for a reader of every site; a site-scoped reader gets their (first, worst) site's.</summary>
    public ExposureScore Headline => SeesAllSites || SiteScores.Count == 0 ? Report.Overall : SiteScores[0];

    public bool CanSeeSite(string? siteId) => siteId is not null && (visibleSites is null || visibleSites.Contains(siteId));

    public bool CanSeeAsset(string assetId) => assets.TryGetValue(assetId, out var a) && CanSeeSite(a.SiteId);

    public Asset? Asset(string? id) => id is null ? null : assets.GetValueOrDefault(id);

    public string AssetName(string? id) => id is null ? "—" : assets.TryGetValue(id, out var a) ? a.Name : id;

    public Zone? Zone(string? id) => id is null ? null : zones.GetValueOrDefault(id);

    public string ZoneName(string? id) => id is null ? "—" : zones.TryGetValue(id, out var z) ? z.Name : id;

    public string SiteName(string? id) => id is null ? "—" : sites.TryGetValue(id, out var s) ? s.Name : id;

    public IReadOnlyList<Site> Sites => [.. sites.Values.Where(s => CanSeeSite(s.Id)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];

    public string EntryName(string id) => entries.TryGetValue(id, out var e) ? e.Name : id;

    public EntryPointKind? EntryKind(string id) => Report.EntryPoints.FirstOrDefault(e => e.EntryPointId == id)?.Kind;

    public string? EntrySite(string id) => entries.TryGetValue(id, out var e) ? e.SiteId : null;

    /// <summary>The zone an entry point lands in, when it names one.</summary>
    public string? EntryZone(string id) => entries.TryGetValue(id, out var e) ? e.ZoneId : null;

    public ExposureFinding? Finding(string? id) => id is null ? null : findings.GetValueOrDefault(id);

    public FindingExposure? FindingResult(string? id) => id is null ? null : findingResults.GetValueOrDefault(id);

    public CrownJewelStatus? CrownJewel(string assetId) => CrownJewels.FirstOrDefault(c => c.AssetId == assetId);

    public AssetExposure? AssetResult(string assetId) => Report.Assets.FirstOrDefault(a => a.AssetId == assetId);

    /// <summary>What a hop goes through, in words: a conduit's name, an allow rule, an observed flow or an entry point.</summary>
    public string ViaName(string? id)
    {
        if (id is null)
        {
            return "—";
        }

        if (conduits.TryGetValue(id, out var c))
        {
            return "conduit " + (c.Name ?? c.Id);
        }

        if (rules.TryGetValue(id, out var r))
        {
            return "allow rule " + (r.Description ?? r.Id);
        }

        if (flows.TryGetValue(id, out var f))
        {
            return $"observed flow {AssetName(f.SourceAssetId)} → {AssetName(f.TargetAssetId)} ({f.Service})";
        }

        return entries.TryGetValue(id, out var e) ? e.Name : id;
    }

    /// <summary>The zone a conduit leads into.</summary>
    public string? ConduitTarget(string id) => conduits.GetValueOrDefault(id)?.ToZoneId;

    public bool IsConduit(string? id) => id is not null && conduits.ContainsKey(id);

    /// <summary>"Krones remote service → jump host → EWS → SIS-1": the entry point, then every asset the path passes.</summary>
    public string PathSummary(AttackPath path) =>
        string.Join(" → ", new[] { path.EntryPointName }.Concat(path.AssetIds.Select(AssetName)));

    /// <summary>The site a cut element lies on, so a site-scoped reader sees only their own.</summary>
    public string? SiteOf(CutElement element) => element.Kind switch
    {
        ElementKind.EntryPoint => EntrySite(element.Id),
        ElementKind.ConduitService => conduits.GetValueOrDefault(element.Id)?.SiteId,
        ElementKind.AllowRule => rules.GetValueOrDefault(element.Id)?.SiteId,
        ElementKind.ObservedFlow => flows.GetValueOrDefault(element.Id)?.SiteId,
        ElementKind.Asset => assets.GetValueOrDefault(element.Id)?.SiteId,
        _ => findings.TryGetValue(element.Id, out var f) ? assets.GetValueOrDefault(f.AssetId)?.SiteId : null,
    };

    /// <summary>The asset a cut element acts on, when it is one asset's (its finding or the asset itself).</summary>
    public Asset? AssetOf(CutElement element) => element.Kind switch
    {
        ElementKind.Asset => Asset(element.Id),
        ElementKind.Finding => findings.TryGetValue(element.Id, out var f) ? Asset(f.AssetId) : null,
        _ => null,
    };

    /// <summary>The choke points an attack path passes through: removing any of them breaks this path.</summary>
    public IReadOnlyList<CutElement> ChokePointsOn(AttackPath path) => [.. ChokePoints.Where(e => IsOnPath(e, path))];

    /// <summary>The reader's crown jewels whose most likely path goes through <paramref name="element"/>.</summary>
    public IReadOnlyList<CrownJewelStatus> JewelsThrough(CutElement element) =>
        [.. CrownJewels.Where(c => c.MostLikelyPath is { } p && IsOnPath(element, p))];

    /// <summary>True when the path uses the element, so that taking the element out breaks the path.</summary>
    public static bool IsOnPath(CutElement element, AttackPath path) => element.Kind switch
    {
        ElementKind.EntryPoint => element.Id == path.EntryPointId,
        ElementKind.ConduitService => path.Hops.Any(h => h.ViaId == element.Id && (element.Service is null || h.Service is null || element.Service == h.Service)),
        ElementKind.AllowRule or ElementKind.ObservedFlow => path.Hops.Any(h => h.ViaId == element.Id),
        ElementKind.Asset => path.Hops.Any(h => h.AssetId == element.Id),
        _ => path.Hops.Any(h => h.FindingId == element.Id),
    };

    /// <summary>A plan narrowed to the steps on the reader's sites.</summary>
    public IReadOnlyList<PlannedStep> VisibleSteps(RemediationPlan plan) =>
        [.. plan.Steps.Where(s => CanSeeSite(s.Action.SiteId ?? SiteOf(s.Action.Element)))];

    private static Dictionary<string, T> ById<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            map.TryAdd(id(item), item);
        }

        return map;
    }
}
