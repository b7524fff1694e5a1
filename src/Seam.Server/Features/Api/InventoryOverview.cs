using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Storage;

namespace Seam.Server.Features.Api;

public sealed record SiteCount(string SiteId, string SiteName, int Assets);

/// <summary><c>Level</c> is "0" … "5" or "3.5"; null for assets not placed in a zone.</summary>
public sealed record LevelCount(string? Level, string LevelName, int Assets);

public sealed record KindCount(string Kind, string KindName, int Assets);

public sealed record ZoneRef(string Id, string SiteId, string Name, string Level);

public sealed record CodeCount(string Code, int Count);

/// <summary>The inventory at a glance, for the sites a caller may see.</summary>
public sealed record OverviewReport(
    int Sites,
    int Zones,
    int Assets,
    IReadOnlyList<SiteCount> AssetsBySite,
    IReadOnlyList<LevelCount> AssetsByLevel,
    IReadOnlyList<KindCount> AssetsByKind,
    int AssetsWithoutOwner,
    IReadOnlyList<ZoneRef> ZonesWithoutConduits,
    int Errors,
    int Smells,
    IReadOnlyList<CodeCount> SmellsByCode);

/// <summary>
/// Read-side questions about the inventory that the API and the web UI both ask, in-process, with the caller's
/// visible sites (<c>null</c> = every site). Counts run in the database; problems need the validator and so load the
/// visible inventory once.
/// </summary>
public sealed class InventoryOverview(SeamDbContext db, InventoryProblemsCache cache)
{
    public async Task<OverviewReport> GetAsync(IReadOnlySet<string>? visibleSites, CancellationToken ct = default)
    {
        var visible = visibleSites?.ToList();
        var sites = db.Sites.AsNoTracking();
        var zones = db.Zones.AsNoTracking();
        var assets = db.Assets.AsNoTracking();
        var conduits = db.Conduits.AsNoTracking();
        if (visible is not null)
        {
            sites = sites.Where(s => visible.Contains(s.Id));
            zones = zones.Where(z => visible.Contains(z.SiteId));
            assets = assets.Where(a => visible.Contains(a.SiteId));
            conduits = conduits.Where(c => visible.Contains(c.SiteId));
        }

        var siteNames = await sites.Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, StringComparer.Ordinal, ct);
        var bySite = await assets.GroupBy(a => a.SiteId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byKind = await assets.GroupBy(a => a.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byLevel = await (from a in assets
                             join z in db.Zones on a.ZoneId equals z.Id
                             group a by z.Level into g
                             select new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var unplaced = await assets.CountAsync(a => a.ZoneId == null, ct);
        var withoutOwner = await assets.CountAsync(a => a.OwnerTeamId == null, ct);
        var lonelyZones = await zones
            .Where(z => !conduits.Any(c => c.FromZoneId == z.Id || c.ToZoneId == z.Id))
            .OrderBy(z => z.SiteId).ThenBy(z => z.Name)
            .Select(z => new { z.Id, z.SiteId, z.Name, z.Level })
            .ToListAsync(ct);
        var problems = await ProblemsAsync(visibleSites, ct);

        var levels = byLevel.OrderBy(l => l.Key)
            .Select(l => new LevelCount(l.Key.ToNumber(), l.Key.DisplayName(), l.Count)).ToList();
        if (unplaced > 0)
        {
            levels.Add(new LevelCount(null, "Not placed in a zone", unplaced));
        }

        return new OverviewReport(
            Sites: siteNames.Count,
            Zones: await zones.CountAsync(ct),
            Assets: bySite.Sum(s => s.Count),
            AssetsBySite: siteNames.Select(s => new SiteCount(s.Key, s.Value, bySite.FirstOrDefault(b => b.Key == s.Key)?.Count ?? 0))
                .OrderBy(s => s.SiteName, StringComparer.OrdinalIgnoreCase).ToList(),
            AssetsByLevel: levels,
            AssetsByKind: byKind.OrderByDescending(k => k.Count).ThenBy(k => k.Key)
                .Select(k => new KindCount(EnumText.Format(k.Key), k.Key.DisplayName(), k.Count)).ToList(),
            AssetsWithoutOwner: withoutOwner,
            ZonesWithoutConduits: lonelyZones.Select(z => new ZoneRef(z.Id, z.SiteId, z.Name, z.Level.ToNumber())).ToList(),
            Errors: problems.Count(p => p.Severity == "error"),
            Smells: problems.Count(p => p.Severity == "smell"),
            SmellsByCode: problems.Where(p => p.Severity == "smell").GroupBy(p => p.Code)
                .Select(g => new CodeCount(g.Key, g.Count())).OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Everything the validator finds in the stored inventory, limited to records of visible sites (teams and people
    /// belong to every site). Errors can exist in stored data written before a rule existed or by older imports.
    /// </summary>
    public async Task<IReadOnlyList<ProblemDto>> ProblemsAsync(IReadOnlySet<string>? visibleSites, CancellationToken ct = default)
    {
        var findings = await FindingsAsync(visibleSites, ct);
        return findings.Select(f => f.Problem.ToDto(f.Site)).ToList();
    }

    /// <summary>The validator's findings with the site of each record, limited to visible sites (null: every site).</summary>
    public async Task<IReadOnlyList<(InventoryProblem Problem, string? Site)>> FindingsAsync(IReadOnlySet<string>? visibleSites, CancellationToken ct = default)
    {
        // Every write to the inventory records an audit entry in the same transaction, so the newest audit id is a
        // version of the stored inventory that also sees writes made by other processes (the CLI).
        var version = await db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0;
        var all = cache.Get(version) ?? cache.Set(version, await ComputeAsync(ct));
        return visibleSites is null ? all : all.Where(f => f.Site is null || visibleSites.Contains(f.Site)).ToList();
    }

    private async Task<IReadOnlyList<(InventoryProblem Problem, string? Site)>> ComputeAsync(CancellationToken ct)
    {
        var model = new InventoryModel
        {
            Teams = await db.Teams.AsNoTracking().ToListAsync(ct),
            People = await db.People.AsNoTracking().ToListAsync(ct),
            Sites = await db.Sites.AsNoTracking().ToListAsync(ct),
            Zones = await db.Zones.AsNoTracking().ToListAsync(ct),
            Conduits = await db.Conduits.AsNoTracking().ToListAsync(ct),
            Assets = await db.Assets.AsNoTracking().ToListAsync(ct),
            EntryPoints = await db.EntryPoints.AsNoTracking().ToListAsync(ct),
        };

        var siteOf = new Dictionary<(InventoryEntity, string), string>();
        foreach (var s in model.Sites)
        {
            siteOf.TryAdd((InventoryEntity.Site, s.Id), s.Id);
        }

        foreach (var z in model.Zones)
        {
            siteOf.TryAdd((InventoryEntity.Zone, z.Id), z.SiteId);
        }

        foreach (var c in model.Conduits)
        {
            siteOf.TryAdd((InventoryEntity.Conduit, c.Id), c.SiteId);
        }

        foreach (var a in model.Assets)
        {
            siteOf.TryAdd((InventoryEntity.Asset, a.Id), a.SiteId);
        }

        foreach (var e in model.EntryPoints)
        {
            siteOf.TryAdd((InventoryEntity.EntryPoint, e.Id), e.SiteId);
        }

        return InventoryValidator.Validate(model)
            .Select(p => (p, siteOf.GetValueOrDefault((p.Entity, p.EntityId))))
            .ToList();
    }
}

/// <summary>
/// The validator's findings for one version of the stored inventory. Validating 100,000 assets takes about a
/// second, so the overview reuses the last result until something is written.
/// </summary>
public sealed class InventoryProblemsCache
{
    private Entry? last;

    public IReadOnlyList<(InventoryProblem Problem, string? Site)>? Get(long version) =>
        Volatile.Read(ref last) is { } entry && entry.Version == version ? entry.Problems : null;

    public IReadOnlyList<(InventoryProblem Problem, string? Site)> Set(long version, IReadOnlyList<(InventoryProblem Problem, string? Site)> problems)
    {
        Volatile.Write(ref last, new Entry(version, problems));
        return problems;
    }

    private sealed record Entry(long Version, IReadOnlyList<(InventoryProblem Problem, string? Site)> Problems);
}
