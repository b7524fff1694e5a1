using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Storage;

namespace Seam.Server.Features.Api;

public sealed class ZoneListQuery : ListQuery
{
    /// <summary>Text found in the id or name.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "site")]
    public string? Site { get; set; }

    /// <summary>A Purdue level: 0, 1, 2, 3, 3.5, 4 or 5.</summary>
    [FromQuery(Name = "level")]
    public string? Level { get; set; }

    /// <summary>Owner team id.</summary>
    [FromQuery(Name = "owner")]
    public string? Owner { get; set; }
}

internal static class ZonesApi
{
    private static readonly SortFields<Zone> Sorts = new SortFields<Zone>(z => z.Id, "name")
        .Add("name", z => z.Name)
        .Add("level", z => z.Level)
        .Add("site", z => z.SiteId);

    public static readonly InventoryResource<Zone, ZoneInput, ZoneDto> Resource = new()
    {
        Noun = "zone",
        AuditType = "zone",
        Entity = InventoryEntity.Zone,
        Id = z => z.Id,
        Site = z => z.SiteId,
        FromInput = (input, id, errors) => input.ToZone(id, errors),
        ToDto = z => z.ToDto(),
        Check = (checks, z, ct) => checks.CheckAsync(z, ct),
        DeleteBlocker = async (db, z, ct) =>
        {
            var assets = await db.Assets.CountAsync(a => a.ZoneId == z.Id, ct);
            var conduits = await db.Conduits.CountAsync(c => c.FromZoneId == z.Id || c.ToZoneId == z.Id, ct);
            var entryPoints = await db.EntryPoints.CountAsync(e => e.ZoneId == z.Id, ct);
            var held = new[] { SitesApi.Count(assets, "asset"), SitesApi.Count(conduits, "conduit"), SitesApi.Count(entryPoints, "entry point") }
                .OfType<string>().ToList();
            return held.Count == 0 ? null
                : $"Zone '{z.Name}' is still used by {string.Join(", ", held)}. Move the assets to another zone and delete the conduits and entry points first; nothing was deleted.";
        },
    };

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/zones").WithTags("Zones");
        group.MapGet("/", ListAsync).WithName("ListZones").WithSummary("Zones in the sites the caller may see");
        Resource.Map(group, "Zone");
    }

    private static async Task<Results<Ok<Paged<ZoneDto>>, ValidationProblem>> ListAsync(
        [AsParameters] ZoneListQuery query, ClaimsPrincipal user, SeamDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        query.CheckPaging(errors);
        IQueryable<Zone> zones = db.Zones.AsNoTracking();
        if (user.VisibleSites() is { } visible)
        {
            var ids = visible.ToList();
            zones = zones.Where(z => ids.Contains(z.SiteId));
        }

        if (!string.IsNullOrWhiteSpace(query.Site))
        {
            zones = zones.Where(z => z.SiteId == query.Site);
        }

        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            zones = zones.Where(z => z.OwnerTeamId == query.Owner);
        }

        if (!string.IsNullOrWhiteSpace(query.Level))
        {
            if (PurdueLevels.TryParse(query.Level, out var level))
            {
                var l = level.Value;
                zones = zones.Where(z => z.Level == l);
            }
            else
            {
                errors.Add("level", $"'{query.Level}' is not {PurdueLevels.Expected}.");
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var p = "%" + AssetSearch.EscapeLike(query.Q.Trim()) + "%";
            zones = zones.Where(z => EF.Functions.Like(z.Id, p, "\\") || EF.Functions.Like(z.Name, p, "\\"));
        }

        var sorted = Sorts.Apply(zones, query.Sort, errors);
        if (errors.Any || sorted is null)
        {
            return ApiProblems.BadQuery(errors);
        }

        return TypedResults.Ok((await query.ToPageAsync(zones, sorted, z => z, ct)).Map(z => z.ToDto()));
    }
}
