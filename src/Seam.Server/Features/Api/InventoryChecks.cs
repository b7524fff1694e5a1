using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Storage;

namespace Seam.Server.Features.Api;

/// <summary>
/// Checks one written record with the same <see cref="InventoryValidator"/> rules as an import. Rather than load the
/// whole inventory, it loads the slice the record's rules look at (the records it refers to, and for assets the ones
/// sharing an address) and keeps only the problems about the record itself.
/// </summary>
public sealed class InventoryChecks(SeamDbContext db)
{
    public static Task<IReadOnlyList<InventoryProblem>> CheckAsync(Site site) =>
        Task.FromResult<IReadOnlyList<InventoryProblem>>(Only(InventoryValidator.Validate(new InventoryModel { Sites = [site] }), InventoryEntity.Site, site.Id));

    public static Task<IReadOnlyList<InventoryProblem>> CheckAsync(Team team) =>
        Task.FromResult<IReadOnlyList<InventoryProblem>>(Only(InventoryValidator.Validate(new InventoryModel { Teams = [team] }), InventoryEntity.Team, team.Id));

    public async Task<IReadOnlyList<InventoryProblem>> CheckAsync(Person person, CancellationToken ct)
    {
        var model = new InventoryModel { Teams = await TeamsAsync([person.TeamId], ct), People = [person] };
        return Only(InventoryValidator.Validate(model), InventoryEntity.Person, person.Id);
    }

    public async Task<IReadOnlyList<InventoryProblem>> CheckAsync(Zone zone, CancellationToken ct)
    {
        // Other zones of the site and the zone's conduits decide the "zone without conduits" smell.
        var others = await db.Zones.AsNoTracking().Where(z => z.SiteId == zone.SiteId && z.Id != zone.Id).ToListAsync(ct);
        var conduits = await db.Conduits.AsNoTracking().Where(c => c.FromZoneId == zone.Id || c.ToZoneId == zone.Id).ToListAsync(ct);
        var model = new InventoryModel
        {
            Sites = await SitesAsync([zone.SiteId], ct),
            Teams = await TeamsAsync([zone.OwnerTeamId], ct),
            Zones = [.. others, zone],
            Conduits = conduits,
        };
        return Only(InventoryValidator.Validate(model), InventoryEntity.Zone, zone.Id);
    }

    public async Task<IReadOnlyList<InventoryProblem>> CheckAsync(Conduit conduit, CancellationToken ct)
    {
        var model = new InventoryModel
        {
            Sites = await SitesAsync([conduit.SiteId], ct),
            Zones = await ZonesAsync([conduit.FromZoneId, conduit.ToZoneId], ct),
            Conduits = [conduit],
        };
        return Only(InventoryValidator.Validate(model), InventoryEntity.Conduit, conduit.Id);
    }

    public async Task<IReadOnlyList<InventoryProblem>> CheckAsync(EntryPoint entryPoint, CancellationToken ct)
    {
        var targets = entryPoint.TargetAssetIds.Distinct(StringComparer.Ordinal).ToList();
        var model = new InventoryModel
        {
            Sites = await SitesAsync([entryPoint.SiteId], ct),
            Zones = await ZonesAsync([entryPoint.ZoneId], ct),
            Assets = targets.Count == 0 ? [] : await db.Assets.AsNoTracking().Where(a => targets.Contains(a.Id)).ToListAsync(ct),
            EntryPoints = [entryPoint],
        };
        return Only(InventoryValidator.Validate(model), InventoryEntity.EntryPoint, entryPoint.Id);
    }

    public async Task<IReadOnlyList<InventoryProblem>> CheckAsync(Asset asset, CancellationToken ct)
    {
        // Assets that may share an address come first, so that the duplicate is reported on the record being written.
        var neighbours = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var address in asset.Addresses.Where(a => a.Length is > 0 and <= 64 && !a.Contains(';', StringComparison.Ordinal)).Take(16))
        {
            var pattern = "%" + AssetSearch.EscapeLike(address) + "%";
            foreach (var other in await AssetSearch.AddressLike(db, pattern).Where(a => a.Id != asset.Id).Take(10).ToListAsync(ct))
            {
                neighbours.TryAdd(other.Id, other);
            }
        }

        var model = new InventoryModel
        {
            Sites = await SitesAsync([asset.SiteId], ct),
            Teams = await TeamsAsync([asset.OwnerTeamId, asset.MaintainerTeamId], ct),
            Zones = await ZonesAsync([asset.ZoneId, .. neighbours.Values.Select(n => n.ZoneId)], ct),
            Assets = [.. neighbours.Values, asset],
        };
        return Only(InventoryValidator.Validate(model), InventoryEntity.Asset, asset.Id);
    }

    private static List<InventoryProblem> Only(IReadOnlyList<InventoryProblem> problems, InventoryEntity entity, string id) =>
        problems.Where(p => p.Entity == entity && p.EntityId == id).ToList();

    private async Task<List<Site>> SitesAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = Distinct(ids);
        return wanted.Count == 0 ? [] : await db.Sites.AsNoTracking().Where(s => wanted.Contains(s.Id)).ToListAsync(ct);
    }

    private async Task<List<Team>> TeamsAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = Distinct(ids);
        return wanted.Count == 0 ? [] : await db.Teams.AsNoTracking().Where(t => wanted.Contains(t.Id)).ToListAsync(ct);
    }

    private async Task<List<Zone>> ZonesAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = Distinct(ids);
        return wanted.Count == 0 ? [] : await db.Zones.AsNoTracking().Where(z => wanted.Contains(z.Id)).ToListAsync(ct);
    }

    private static List<string> Distinct(IEnumerable<string?> ids) => ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
}
