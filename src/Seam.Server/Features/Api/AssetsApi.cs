using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Storage;
using Seam.Storage.Intelligence;

namespace Seam.Server.Features.Api;

public sealed class AssetListQuery : ListQuery
{
    /// <summary>Text found in the id, name, vendor, product, model or addresses.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "site")]
    public string? Site { get; set; }

    [FromQuery(Name = "zone")]
    public string? Zone { get; set; }

    /// <summary>An asset kind such as plc, safety-controller, hmi (aliases like "SIS" or "EWS" work too).</summary>
    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    /// <summary>The Purdue level of the asset's zone: 0, 1, 2, 3, 3.5, 4 or 5.</summary>
    [FromQuery(Name = "level")]
    public string? Level { get; set; }

    /// <summary>Owner team id.</summary>
    [FromQuery(Name = "owner")]
    public string? Owner { get; set; }

    /// <summary>false: only assets without an owner team; true: only assets with one.</summary>
    [FromQuery(Name = "hasOwner")]
    public bool? HasOwner { get; set; }

    [FromQuery(Name = "crownJewel")]
    public bool? CrownJewel { get; set; }

    /// <summary>Safety relevance.</summary>
    [FromQuery(Name = "safety")]
    public bool? Safety { get; set; }

    /// <summary>1–5: only assets at least this critical.</summary>
    [FromQuery(Name = "minCriticality")]
    public int? MinCriticality { get; set; }
}

internal static class AssetsApi
{
    private static readonly SortFields<Asset> Sorts = new SortFields<Asset>(a => a.Id, "name")
        .Add("name", a => a.Name)
        .Add("kind", a => a.Kind)
        .Add("vendor", a => a.Vendor)
        .Add("product", a => a.Product)
        .Add("criticality", a => a.Criticality)
        .Add("site", a => a.SiteId)
        .Add("zone", a => a.ZoneId)
        .Add("owner", a => a.OwnerTeamId);

    public static readonly InventoryResource<Asset, AssetInput, AssetDto> Resource = new()
    {
        Noun = "asset",
        AuditType = "asset",
        Entity = InventoryEntity.Asset,
        Id = a => a.Id,
        Site = a => a.SiteId,
        FromInput = (input, id, errors) => input.ToAsset(id, errors),
        ToDto = a => a.ToDto(),
        Check = (checks, a, ct) => checks.CheckAsync(a, ct),
        AfterWrite = (services, id, actor, ct) => services.GetRequiredService<FindingStore>().RefreshAsync(actor, [id], ct),
        KeepOnReplace = (stored, replacement) =>
        {
            replacement.Source = stored.Source;
            replacement.LastSeen = stored.LastSeen;
        },
        DeleteBlocker = async (db, a, ct) =>
        {
            // Entry points are few per plant; their target lists are one text column, so they are checked in memory.
            var entries = await db.EntryPoints.AsNoTracking().Select(e => new { e.Name, e.TargetAssetIds }).ToListAsync(ct);
            var targeting = entries.Where(e => e.TargetAssetIds.Contains(a.Id, StringComparer.Ordinal)).Select(e => $"'{e.Name}'").ToList();
            return targeting.Count == 0 ? null
                : $"Asset '{a.Name}' is a target of entry point {string.Join(", ", targeting)}. Remove it from the entry point first; nothing was deleted.";
        },
    };

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/assets").WithTags("Assets");
        group.MapGet("/", ListAsync).WithName("ListAssets")
            .WithSummary("Assets in the sites the caller may see, filtered, sorted and paged")
            .WithDescription("Sort by name, id, kind, vendor, product, criticality, site, zone or owner; prefix '-' for descending order.");
        Resource.Map(group, "Asset");
    }

    private static async Task<Results<Ok<Paged<AssetSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] AssetListQuery query, ClaimsPrincipal user, SeamDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        query.CheckPaging(errors);
        var assets = (string.IsNullOrWhiteSpace(query.Q) ? db.Assets : AssetSearch.Matching(db, query.Q)).AsNoTracking();
        if (user.VisibleSites() is { } visible)
        {
            var ids = visible.ToList();
            assets = assets.Where(a => ids.Contains(a.SiteId));
        }

        if (!string.IsNullOrWhiteSpace(query.Site))
        {
            assets = assets.Where(a => a.SiteId == query.Site);
        }

        if (!string.IsNullOrWhiteSpace(query.Zone))
        {
            assets = assets.Where(a => a.ZoneId == query.Zone);
        }

        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            assets = assets.Where(a => a.OwnerTeamId == query.Owner);
        }

        if (query.HasOwner is { } hasOwner)
        {
            assets = hasOwner ? assets.Where(a => a.OwnerTeamId != null) : assets.Where(a => a.OwnerTeamId == null);
        }

        if (query.CrownJewel is { } crownJewel)
        {
            assets = assets.Where(a => a.IsCrownJewel == crownJewel);
        }

        if (query.Safety is { } safety)
        {
            assets = assets.Where(a => a.SafetyRelevant == safety);
        }

        if (query.MinCriticality is { } min)
        {
            if (min is < 1 or > 5)
            {
                errors.Add("minCriticality", "minCriticality is 1 (low) to 5 (line stops).");
            }

            assets = assets.Where(a => a.Criticality >= min);
        }

        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            if (AssetKinds.TryParse(query.Kind, out var kind))
            {
                var k = kind.Value;
                assets = assets.Where(a => a.Kind == k);
            }
            else
            {
                errors.Add("kind", $"'{query.Kind}' is not {AssetKinds.Expected}.");
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Level))
        {
            if (PurdueLevels.TryParse(query.Level, out var level))
            {
                var l = level.Value;
                assets = assets.Where(a => db.Zones.Any(z => z.Id == a.ZoneId && z.Level == l));
            }
            else
            {
                errors.Add("level", $"'{query.Level}' is not {PurdueLevels.Expected}.");
            }
        }

        var sorted = Sorts.Apply(assets, query.Sort, errors);
        if (errors.Any || sorted is null)
        {
            return ApiProblems.BadQuery(errors);
        }

        var page = await query.ToPageAsync(assets, sorted, a => new
        {
            a.Id,
            a.SiteId,
            a.ZoneId,
            a.Name,
            a.Kind,
            a.Vendor,
            a.Product,
            a.Model,
            a.Version,
            a.Addresses,
            a.OwnerTeamId,
            a.Criticality,
            a.SafetyRelevant,
            a.IsCrownJewel,
        }, ct);
        return TypedResults.Ok(page.Map(a => new AssetSummary(
            a.Id, a.SiteId, a.ZoneId, a.Name, EnumText.Format(a.Kind), a.Vendor, a.Product, a.Model, a.Version, a.Addresses,
            a.OwnerTeamId, a.Criticality, a.SafetyRelevant, a.IsCrownJewel)));
    }
}
