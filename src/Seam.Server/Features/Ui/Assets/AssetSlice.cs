using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Storage;

namespace Seam.Server.Features.Ui.Assets;

/// <summary>
/// The part of the inventory one asset's checks need (its site, the site's zones, the teams, assets sharing an
/// address), so that <see cref="InventoryValidator"/> can judge one record without loading 100,000.
/// </summary>
public static class AssetSlice
{
    public static async Task<IReadOnlyList<InventoryProblem>> ProblemsAsync(SeamDbContext db, Asset asset, CancellationToken ct = default)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => s.Id == asset.SiteId).ToListAsync(ct);
        var zones = await db.Zones.AsNoTracking().Where(z => z.SiteId == asset.SiteId || z.Id == asset.ZoneId).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToListAsync(ct);
        var others = new List<Asset>();
        foreach (var address in asset.Addresses.Distinct(StringComparer.OrdinalIgnoreCase).Take(16))
        {
            var ids = AssetListQuery.AssetIdsWithAddressLike(db, address.ToLowerInvariant());
            var candidates = await db.Assets.AsNoTracking().Where(a => ids.Contains(a.Id) && a.Id != asset.Id).Take(20).ToListAsync(ct);
            others.AddRange(candidates.Where(c => c.Addresses.Contains(address, StringComparer.OrdinalIgnoreCase) && others.All(o => o.Id != c.Id)));
        }

        // Others first: the validator flags the later record of a duplicate address, which must be this one.
        var model = new InventoryModel { Sites = sites, Zones = zones, Teams = teams, Assets = [.. others, asset] };
        return InventoryValidator.Validate(model)
            .Where(p => p.Entity == InventoryEntity.Asset && p.EntityId == asset.Id)
            .ToList();
    }
}
