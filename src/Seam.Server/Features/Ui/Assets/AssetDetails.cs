using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Server.Features.Api;
using Seam.Storage;

namespace Seam.Server.Features.Ui.Assets;

/// <summary>A conduit of the asset's zone, seen from that zone.</summary>
public sealed record ZoneConduit(Conduit Conduit, bool Outgoing, Zone? OtherZone);

/// <summary>One asset with everything its page shows.</summary>
public sealed record AssetDetails(
    Asset Asset,
    Site? Site,
    Zone? Zone,
    Team? Owner,
    Team? Maintainer,
    IReadOnlyList<ZoneConduit> Conduits,
    IReadOnlyList<EntryPoint> EntryPoints,
    IReadOnlyList<InventoryProblem> Problems)
{
    public static async Task<AssetDetails?> LoadAsync(SeamDbContext db, string id, CancellationToken ct = default)
    {
        var asset = await db.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null)
        {
            return null;
        }

        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == asset.SiteId, ct);
        var zone = asset.ZoneId is null ? null : await db.Zones.AsNoTracking().FirstOrDefaultAsync(z => z.Id == asset.ZoneId, ct);
        var teamIds = new[] { asset.OwnerTeamId, asset.MaintainerTeamId }.OfType<string>().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToListAsync(ct);
        var conduits = new List<ZoneConduit>();
        if (zone is not null)
        {
            var touching = await db.Conduits.AsNoTracking().Where(c => c.FromZoneId == zone.Id || c.ToZoneId == zone.Id).ToListAsync(ct);
            var otherIds = touching.Select(c => c.FromZoneId == zone.Id ? c.ToZoneId : c.FromZoneId).Distinct().ToList();
            var others = await db.Zones.AsNoTracking().Where(z => otherIds.Contains(z.Id)).ToDictionaryAsync(z => z.Id, ct);
            conduits = touching
                .Select(c => new ZoneConduit(c, c.FromZoneId == zone.Id, others.GetValueOrDefault(c.FromZoneId == zone.Id ? c.ToZoneId : c.FromZoneId)))
                .OrderBy(c => c.OtherZone?.Level).ToList();
        }

        // Entry points per site are few; their target list is a converted column, so filter in memory.
        var entryPoints = (await db.EntryPoints.AsNoTracking().Where(e => e.SiteId == asset.SiteId).ToListAsync(ct))
            .Where(e => e.TargetAssetIds.Contains(asset.Id, StringComparer.Ordinal)).ToList();
        var problems = await new InventoryChecks(db).CheckAsync(asset, ct);
        return new AssetDetails(asset, site, zone, teams.FirstOrDefault(t => t.Id == asset.OwnerTeamId),
            teams.FirstOrDefault(t => t.Id == asset.MaintainerTeamId), conduits, entryPoints, problems);
    }
}
