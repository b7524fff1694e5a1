using System.Runtime.CompilerServices;
using Seam.Exposure;
using Seam.Exposure.Model;
using Seam.Exposure.WhatIf;

namespace Seam.Server.Features.Exposure;

// What the exposure API answers. The engine's own records are returned as they are (enumerations in kebab-case,
// services in their written form, see ExposureJson); these add what a list needs beside them and what a caller may see.

/// <summary>GET /api/v1/exposure.</summary>
/// <param name="Overall">Null for a caller who sees only some sites: the overall score spans every site.</param>
public sealed record ExposureSummary(
    DateTimeOffset ComputedAt,
    ExposureScore? Overall,
    IReadOnlyList<ExposureScore> Sites,
    IReadOnlyList<ExposureScore> Zones,
    IReadOnlyList<CrownJewelStatus> CrownJewels,
    ChokePoints ChokePoints,
    IReadOnlyList<EntryPointReach> EntryPoints,
    VerdictCounts Findings);

public sealed record VerdictCounts(int ReachableAndExploitable, int Theoretical, int Closed);

/// <summary>A finding's exposure with the asset it sits on.</summary>
public sealed record ExposureFindingItem(string SiteId, string AssetName, FindingExposure Exposure);

public sealed record ExposureFindingPage(int Total, int Offset, int Limit, IReadOnlyList<ExposureFindingItem> Items);

public sealed record AssetExposureItem(string SiteId, string? ZoneId, string Name, string Kind, bool IsCrownJewel, AssetExposure Exposure);

/// <summary>A crown jewel's status with its own exposure row.</summary>
public sealed record CrownJewelDetail(CrownJewelStatus CrownJewel, AssetExposure? Exposure);

/// <summary>POST /api/v1/exposure/whatif as JSON.</summary>
/// <param name="FileName">How problems name the text; default "scenario.yaml".</param>
public sealed record WhatIfRequest(string? Yaml, string? FileName);

/// <summary>POST /api/v1/exposure/plan.</summary>
/// <param name="Goal">cut-crown-jewels or most-exposure-within-budget.</param>
public sealed record PlanRequestBody(string? Goal, decimal? Budget);

/// <summary>A scenario problem as the 400 answer lists it.</summary>
public sealed record ScenarioProblemDto(string File, int Line, int Column, string Message)
{
    public static ScenarioProblemDto From(ScenarioProblem p) => new(p.File, p.Line, p.Column, p.Message);
}

/// <summary>
/// Which sites each thing of an analysis belongs to, so that a caller who may see some sites gets only their rows.
/// Built once per analysis and kept as long as the analysis is.
/// </summary>
public sealed class AnalysisSites
{
    private static readonly ConditionalWeakTable<ExposureAnalysis, AnalysisSites> Built = [];

    private AnalysisSites(ExposureInput input)
    {
        var inventory = input.Inventory;
        AssetSite = inventory.Assets.ToDictionary(a => a.Id, a => a.SiteId, StringComparer.Ordinal);
        Assets = inventory.Assets.ToDictionary(a => a.Id, StringComparer.Ordinal);
        ZoneSite = inventory.Zones.ToDictionary(z => z.Id, z => z.SiteId, StringComparer.Ordinal);
        var other = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in inventory.Conduits)
        {
            other.TryAdd("conduit:" + c.Id, c.SiteId);
        }

        foreach (var e in inventory.EntryPoints)
        {
            other.TryAdd("entry:" + e.Id, e.SiteId);
        }

        foreach (var g in input.AccessGrants)
        {
            other.TryAdd("entry:" + g.Id, g.SiteId);
        }

        foreach (var r in input.AllowRules)
        {
            other.TryAdd("rule:" + r.Id, r.SiteId);
        }

        foreach (var f in input.ObservedFlows)
        {
            other.TryAdd("flow:" + f.Id, f.SiteId);
        }

        foreach (var f in input.Findings)
        {
            if (AssetSite.TryGetValue(f.AssetId, out var site))
            {
                other.TryAdd("finding:" + f.Id, site);
            }
        }

        OtherSite = other;
    }

    public static AnalysisSites Of(ExposureAnalysis analysis) => Built.GetValue(analysis, a => new AnalysisSites(a.Input));

    public IReadOnlyDictionary<string, Seam.Inventory.Asset> Assets { get; }

    private IReadOnlyDictionary<string, string> AssetSite { get; }

    private IReadOnlyDictionary<string, string> ZoneSite { get; }

    private IReadOnlyDictionary<string, string> OtherSite { get; }

    public string? SiteOfAsset(string assetId) => AssetSite.GetValueOrDefault(assetId);

    public string? SiteOfZone(string zoneId) => ZoneSite.GetValueOrDefault(zoneId);

    public string? SiteOfEntry(string entryId) => OtherSite.GetValueOrDefault("entry:" + entryId);

    public string? SiteOf(CutElement element) => element.Kind switch
    {
        ElementKind.EntryPoint => OtherSite.GetValueOrDefault("entry:" + element.Id),
        ElementKind.ConduitService => OtherSite.GetValueOrDefault("conduit:" + element.Id),
        ElementKind.AllowRule => OtherSite.GetValueOrDefault("rule:" + element.Id),
        ElementKind.ObservedFlow => OtherSite.GetValueOrDefault("flow:" + element.Id),
        ElementKind.Asset => AssetSite.GetValueOrDefault(element.Id),
        _ => OtherSite.GetValueOrDefault("finding:" + element.Id),
    };
}

/// <summary>An analysis as one caller may see it.</summary>
public sealed class VisibleExposure(ExposureAnalysis analysis, IReadOnlySet<string>? visible)
{
    private readonly AnalysisSites sites = AnalysisSites.Of(analysis);

    public ExposureAnalysis Analysis => analysis;

    public ExposureReport Report => analysis.Report;

    public AnalysisSites Sites => sites;

    public bool SeesEverySite => visible is null;

    public bool Site(string? siteId) => visible is null || (siteId is not null && visible.Contains(siteId));

    public bool Asset(string assetId) => Site(sites.SiteOfAsset(assetId));

    public bool Zone(string zoneId) => Site(sites.SiteOfZone(zoneId));

    public bool Score(ExposureScore score) => score.Scope switch
    {
        ScoreScope.Overall => SeesEverySite,
        ScoreScope.Site => Site(score.ScopeId),
        _ => score.ScopeId is not null && Zone(score.ScopeId),
    };

    public IEnumerable<FindingExposure> Findings => Report.Findings.Where(f => Asset(f.AssetId));

    public ExposureSummary Summary()
    {
        var findings = Findings.ToList();
        var choke = Report.ChokePoints;
        return new ExposureSummary(
            Report.ComputedAt,
            SeesEverySite ? Report.Overall : null,
            [.. Report.Scores.Where(s => s.Scope == ScoreScope.Site && Score(s))],
            [.. Report.Scores.Where(s => s.Scope == ScoreScope.Zone && Score(s))],
            [.. Report.CrownJewels.Where(j => Site(j.SiteId))],
            SeesEverySite ? choke : choke with { Elements = [.. choke.Elements.Where(e => Site(sites.SiteOf(e)))] },
            [.. Report.EntryPoints.Where(e => Site(sites.SiteOfEntry(e.EntryPointId)))],
            new VerdictCounts(
                findings.Count(f => f.Verdict == FindingVerdict.ReachableAndExploitable),
                findings.Count(f => f.Verdict == FindingVerdict.Theoretical),
                findings.Count(f => f.Verdict == FindingVerdict.Closed)));
    }

    public ExposureFindingItem Item(FindingExposure f)
    {
        var asset = sites.Assets.GetValueOrDefault(f.AssetId);
        return new ExposureFindingItem(asset?.SiteId ?? "", asset?.Name ?? f.AssetId, f);
    }
}
