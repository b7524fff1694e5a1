using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Server.Features.Api;
using Seam.Server.Features.Ui.Shared;
using Seam.Storage;

namespace Seam.Server.Features.Ui.Assets;

/// <summary>The filters of the asset list. A change of any of them means a new total count.</summary>
public sealed record AssetFilter
{
    public string? Search { get; init; }

    public string? SiteId { get; init; }

    public string? ZoneId { get; init; }

    public AssetKind? Kind { get; init; }

    public PurdueLevel? Level { get; init; }

    public bool CrownJewelsOnly { get; init; }

    public bool WithoutOwnerOnly { get; init; }

    public string? OwnerTeamId { get; init; }

    public bool IsEmpty => this == new AssetFilter();
}

/// <summary>One line of the asset list: what fits in a row, nothing more.</summary>
public sealed class AssetRow
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public AssetKind Kind { get; set; }

    public string SiteId { get; set; } = "";

    public string? ZoneId { get; set; }

    public string? ZoneName { get; set; }

    public PurdueLevel? Level { get; set; }

    public string? Vendor { get; set; }

    public string? Product { get; set; }

    public string? Version { get; set; }

    public IReadOnlyList<string> Addresses { get; set; } = [];

    public string? OwnerTeamId { get; set; }

    public string? OwnerTeamName { get; set; }

    public int Criticality { get; set; }

    public bool IsCrownJewel { get; set; }

    public bool SafetyRelevant { get; set; }
}

public enum AssetSortColumn
{
    Name,
    Kind,
    Site,
    Zone,
    Level,
    Vendor,
    Owner,
    Criticality,
}

/// <summary>
/// Server-side paging for the asset list: untracked queries, filters and sort in SQL, Skip/Take, and a separate
/// count the page asks for only when the filter changes. Built to stay quick at 100,000 assets.
/// </summary>
public static class AssetListQuery
{
    public static Task<int> CountAsync(SeamDbContext db, ClaimsPrincipal user, AssetFilter filter, CancellationToken ct) =>
        Filtered(db, user, filter).CountAsync(ct);

    public static Task<List<AssetRow>> PageAsync(SeamDbContext db, ClaimsPrincipal user, AssetFilter filter,
        AssetSortColumn sort, bool descending, int skip, int take, CancellationToken ct)
    {
        var q = Filtered(db, user, filter);
        q = sort switch
        {
            AssetSortColumn.Kind => descending ? q.OrderByDescending(r => r.Kind) : q.OrderBy(r => r.Kind),
            AssetSortColumn.Site => descending ? q.OrderByDescending(r => r.SiteId) : q.OrderBy(r => r.SiteId),
            AssetSortColumn.Zone => descending ? q.OrderByDescending(r => r.ZoneName) : q.OrderBy(r => r.ZoneName),
            AssetSortColumn.Level => descending ? q.OrderByDescending(r => r.Level) : q.OrderBy(r => r.Level),
            AssetSortColumn.Vendor => descending ? q.OrderByDescending(r => r.Vendor) : q.OrderBy(r => r.Vendor),
            AssetSortColumn.Owner => descending ? q.OrderByDescending(r => r.OwnerTeamName) : q.OrderBy(r => r.OwnerTeamName),
            AssetSortColumn.Criticality => descending ? q.OrderByDescending(r => r.Criticality) : q.OrderBy(r => r.Criticality),
            _ => descending ? q.OrderByDescending(r => r.Name) : q.OrderBy(r => r.Name),
        };

        // A unique tie-breaker keeps pages stable when many rows share the sort value.
        q = ((IOrderedQueryable<AssetRow>)q).ThenBy(r => r.Id);
        return q.Skip(skip).Take(take).ToListAsync(ct);
    }

    private static IQueryable<AssetRow> Filtered(SeamDbContext db, ClaimsPrincipal user, AssetFilter f)
    {
        var assets = db.Assets.AsNoTracking().VisibleTo(user);
        if (f.SiteId is not null)
        {
            assets = assets.Where(a => a.SiteId == f.SiteId);
        }

        if (f.ZoneId is not null)
        {
            assets = assets.Where(a => a.ZoneId == f.ZoneId);
        }

        if (f.Kind is { } kind)
        {
            assets = assets.Where(a => a.Kind == kind);
        }

        if (f.CrownJewelsOnly)
        {
            assets = assets.Where(a => a.IsCrownJewel);
        }

        if (f.WithoutOwnerOnly)
        {
            assets = assets.Where(a => a.OwnerTeamId == null);
        }

        if (f.OwnerTeamId is not null)
        {
            assets = assets.Where(a => a.OwnerTeamId == f.OwnerTeamId);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            // The same search as the API: one database-computed column, so both answer alike.
            var matching = AssetSearch.Matching(db, f.Search).Select(a => a.Id);
            assets = assets.Where(a => matching.Contains(a.Id));
        }

        var rows =
            from a in assets
            join z0 in db.Zones on a.ZoneId equals z0.Id into zj
            from z in zj.DefaultIfEmpty()
            join t0 in db.Teams on a.OwnerTeamId equals t0.Id into tj
            from t in tj.DefaultIfEmpty()
            select new AssetRow
            {
                Id = a.Id,
                Name = a.Name,
                Kind = a.Kind,
                SiteId = a.SiteId,
                ZoneId = a.ZoneId,
                ZoneName = z == null ? null : z.Name,
                Level = z == null ? null : z.Level,
                Vendor = a.Vendor,
                Product = a.Product,
                Version = a.Version,
                Addresses = a.Addresses,
                OwnerTeamId = a.OwnerTeamId,
                OwnerTeamName = t == null ? null : t.Name,
                Criticality = a.Criticality,
                IsCrownJewel = a.IsCrownJewel,
                SafetyRelevant = a.SafetyRelevant,
            };

        if (f.Level is { } level)
        {
            rows = rows.Where(r => r.Level == level);
        }

        return rows;
    }
}
