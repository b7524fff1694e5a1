using Microsoft.EntityFrameworkCore;
using Seam.Exposure.Model;
using Seam.Inventory;
using Seam.Storage;

namespace Seam.Server.Features.Ui.RemoteAccess;

/// <summary>
/// Who can reach what on one site at one moment: the time-boxed grants running now (and those about to start), and
/// the standing remote-access entry points. An always-on entry point without MFA is the weakest door, so it is marked.
/// </summary>
public sealed record AccessNow(
    Site Site,
    DateTimeOffset At,
    IReadOnlyList<AccessGrant> Active,
    IReadOnlyList<AccessGrant> Upcoming,
    IReadOnlyList<EntryPoint> EntryPoints,
    IReadOnlyDictionary<string, Asset> Assets,
    IReadOnlyDictionary<string, Zone> Zones)
{
    /// <summary>How far ahead grants that have not started yet are listed.</summary>
    public static readonly TimeSpan Lookahead = TimeSpan.FromDays(7);

    /// <summary>Entry kinds by which someone reaches in from outside; removable media is carried in, not reached through.</summary>
    private static readonly EntryPointKind[] Remote = [EntryPointKind.VendorRemoteAccess, EntryPointKind.EnterpriseIt, EntryPointKind.Internet];

    public static async Task<AccessNow> LoadAsync(SeamDbContext db, Site site, DateTimeOffset at)
    {
        var until = at + Lookahead;
        var grants = await db.AccessGrants.Where(g => g.SiteId == site.Id && g.To > at && g.From < until).ToListAsync();
        var entries = await db.EntryPoints.Where(e => e.SiteId == site.Id && Remote.Contains(e.Kind)).ToListAsync();
        var assetIds = grants.SelectMany(g => g.AssetIds).Concat(entries.SelectMany(e => e.TargetAssetIds)).Distinct().ToList();
        var assets = await db.Assets.Where(a => assetIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
        var zones = await db.Zones.Where(z => z.SiteId == site.Id).ToDictionaryAsync(z => z.Id);
        return new AccessNow(
            site,
            at,
            [.. grants.Where(g => g.IsActiveAt(at)).OrderBy(g => g.To).ThenBy(g => g.Grantee, StringComparer.Ordinal)],
            [.. grants.Where(g => g.From > at).OrderBy(g => g.From)],
            [.. entries.OrderBy(e => WeakestFirst(e)).ThenBy(e => e.Name, StringComparer.Ordinal)],
            assets,
            zones);
    }

    /// <summary>True for a standing door that asks for nothing but a password.</summary>
    public static bool AlwaysOnWithoutMfa(EntryPoint e) => e.Availability == RemoteAccessAvailability.AlwaysOn && !e.MfaRequired;

    public string AssetName(string id) => Assets.TryGetValue(id, out var a) ? a.Name : id;

    public string? ZoneName(string? id) => id is null ? null : Zones.TryGetValue(id, out var z) ? z.Name : id;

    /// <summary>Every asset someone holds a running grant to, or that a standing entry point targets.</summary>
    public int ReachableAssetCount =>
        Active.SelectMany(g => g.AssetIds).Concat(EntryPoints.SelectMany(e => e.TargetAssetIds)).Distinct().Count();

    private static int WeakestFirst(EntryPoint e) => AlwaysOnWithoutMfa(e) ? 0 : e.Availability == RemoteAccessAvailability.AlwaysOn ? 1 : e.MfaRequired ? 3 : 2;
}
