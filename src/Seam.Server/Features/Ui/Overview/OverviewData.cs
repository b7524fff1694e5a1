using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Server.Features.Api;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;
using Seam.Storage;

namespace Seam.Server.Features.Ui.Overview;

public sealed record SiteSummary(string Id, string Name, int Zones, int Conduits, int Assets, int CrownJewels, int WithoutOwner);

public sealed record CountBy<T>(T Key, int Count);

public sealed record UnownedAsset(string Id, string Name, AssetKind Kind, string SiteId);

/// <summary>Everything the overview shows, read in one go with aggregate queries (no asset is loaded whole).</summary>
public sealed record OverviewData(
    IReadOnlyList<SiteSummary> Sites,
    IReadOnlyList<CountBy<PurdueLevel?>> ByLevel,
    IReadOnlyList<CountBy<AssetKind>> ByKind,
    int TotalAssets,
    int WithoutOwner,
    IReadOnlyList<UnownedAsset> UnownedSample,
    IReadOnlyList<Zone> ZonesWithoutConduits,
    IReadOnlyList<InventoryProblem> Smells,
    int SmellCount,
    IReadOnlyDictionary<(InventoryEntity, string), string> SiteOfRecord)
{
    public const int UnownedSampleSize = 10;

    /// <summary>How many smells the page lists; the tile counts them all.</summary>
    public const int SmellListSize = 100;

    public static async Task<OverviewData> LoadAsync(SeamDbContext db, InventoryProblemsCache problems, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var sites = await db.Sites.VisibleTo(user).OrderBy(s => s.Name).ToListAsync(ct);
        var zones = await db.Zones.VisibleTo(user).ToListAsync(ct);
        var conduits = await db.Conduits.VisibleTo(user).ToListAsync(ct);
        var entryPoints = await db.EntryPoints.VisibleTo(user).ToListAsync(ct);
        var teams = await db.Teams.ToListAsync(ct);
        var assets = db.Assets.VisibleTo(user);

        var perSite = await assets.GroupBy(a => a.SiteId)
            .Select(g => new { g.Key, Count = g.Count(), Crown = g.Count(a => a.IsCrownJewel), NoOwner = g.Count(a => a.OwnerTeamId == null) })
            .ToListAsync(ct);
        var byZone = await assets.GroupBy(a => a.ZoneId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byKind = await assets.GroupBy(a => a.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var unowned = await assets.Where(a => a.OwnerTeamId == null).OrderBy(a => a.Name).Take(UnownedSampleSize)
            .Select(a => new UnownedAsset(a.Id, a.Name, a.Kind, a.SiteId)).ToListAsync(ct);

        var levelOfZone = zones.ToDictionary(z => z.Id, z => z.Level, StringComparer.Ordinal);
        var byLevel = byZone
            .GroupBy(z => z.Key is not null && levelOfZone.TryGetValue(z.Key, out var l) ? l : (PurdueLevel?)null)
            .Select(g => new CountBy<PurdueLevel?>(g.Key, g.Sum(x => x.Count)))
            .OrderByDescending(c => c.Key.HasValue).ThenByDescending(c => c.Key)
            .ToList();

        var summaries = sites.Select(s =>
        {
            var a = perSite.FirstOrDefault(p => p.Key == s.Id);
            return new SiteSummary(s.Id, s.Name, zones.Count(z => z.SiteId == s.Id), conduits.Count(c => c.SiteId == s.Id),
                a?.Count ?? 0, a?.Crown ?? 0, a?.NoOwner ?? 0);
        }).ToList();

        // Every smell the validator finds, assets included: the findings are computed once per version of the
        // inventory and shared with the API, so this stays quick at 100,000 assets.
        var findings = (await new InventoryOverview(db, problems).FindingsAsync(user.VisibleSites(), ct))
            .Where(f => f.Problem.Severity == ProblemSeverity.Smell)
            .OrderBy(f => f.Problem.Entity == InventoryEntity.Asset)
            .ToList();
        var smells = findings.Take(SmellListSize).Select(f => f.Problem).ToList();
        var linked = conduits.SelectMany(c => new[] { c.FromZoneId, c.ToZoneId }).ToHashSet(StringComparer.Ordinal);

        var siteOf = new Dictionary<(InventoryEntity, string), string>();
        foreach (var (problem, site) in findings.Take(SmellListSize))
        {
            if (site is not null)
            {
                siteOf[(problem.Entity, problem.EntityId)] = site;
            }
        }

        return new OverviewData(
            summaries,
            byLevel,
            byKind.Select(k => new CountBy<AssetKind>(k.Key, k.Count)).OrderByDescending(k => k.Count).ToList(),
            perSite.Sum(p => p.Count),
            perSite.Sum(p => p.NoOwner),
            unowned,
            // As the validator judges it: a site's only zone needs no conduit.
            zones.Where(z => !linked.Contains(z.Id) && zones.Count(o => o.SiteId == z.SiteId) > 1).OrderBy(z => z.SiteId).ThenByDescending(z => z.Level).ToList(),
            smells,
            findings.Count,
            siteOf);
    }

    public string? SiteOf(InventoryEntity entity, string id) => SiteOfRecord.GetValueOrDefault((entity, id));
}
