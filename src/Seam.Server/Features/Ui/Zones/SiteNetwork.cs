using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Storage;

namespace Seam.Server.Features.Ui.Zones;

/// <summary>One site's zones, conduits and entry points with their smells: what the zones page and its forms work on.</summary>
public sealed record SiteNetwork(
    Site Site,
    IReadOnlyList<Zone> Zones,
    IReadOnlyList<Conduit> Conduits,
    IReadOnlyList<EntryPoint> EntryPoints,
    IReadOnlyList<Team> Teams,
    IReadOnlyDictionary<string, int> AssetCounts,
    IReadOnlyList<InventoryProblem> Problems)
{
    public static async Task<SiteNetwork?> LoadAsync(SeamDbContext db, string siteId, CancellationToken ct = default)
    {
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null)
        {
            return null;
        }

        var zones = await db.Zones.AsNoTracking().Where(z => z.SiteId == siteId).OrderByDescending(z => z.Level).ThenBy(z => z.Name).ToListAsync(ct);
        var conduits = await db.Conduits.AsNoTracking().Where(c => c.SiteId == siteId).OrderBy(c => c.Id).ToListAsync(ct);
        var entryPoints = await db.EntryPoints.AsNoTracking().Where(e => e.SiteId == siteId).OrderBy(e => e.Name).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var counts = await db.Assets.Where(a => a.SiteId == siteId && a.ZoneId != null).GroupBy(a => a.ZoneId!)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        // The validator's verdict on the site without its assets: what the diagram and the tables flag.
        var problems = InventoryValidator.Validate(new InventoryModel { Sites = [site], Zones = zones, Conduits = conduits, EntryPoints = entryPoints, Teams = teams });
        return new SiteNetwork(site, zones, conduits, entryPoints, teams, counts, problems);
    }

    public IEnumerable<InventoryProblem> ProblemsOf(InventoryEntity entity, string id) =>
        Problems.Where(p => p.Entity == entity && p.EntityId == id);

    public string ZoneName(string id) => Zones.FirstOrDefault(z => z.Id == id)?.Name ?? id;

    public string? TeamName(string? id) => id is null ? null : Teams.FirstOrDefault(t => t.Id == id)?.Name ?? id;

    public string? SiteOf(InventoryEntity entity, string id) => Site.Id;
}
