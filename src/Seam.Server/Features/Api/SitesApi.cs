using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Storage;

namespace Seam.Server.Features.Api;

public sealed class SiteListQuery : ListQuery
{
    /// <summary>Text found in the id, name or location.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; set; }
}

internal static class SitesApi
{
    private static readonly SortFields<Site> Sorts = new SortFields<Site>(s => s.Id, "name")
        .Add("name", s => s.Name)
        .Add("location", s => s.Location);

    public static readonly InventoryResource<Site, SiteInput, SiteDto> Resource = new()
    {
        Noun = "site",
        AuditType = "site",
        Entity = InventoryEntity.Site,
        Id = s => s.Id,
        Site = s => s.Id,
        FromInput = (input, id, errors) => input.ToSite(id, errors),
        ToDto = s => s.ToDto(),
        Check = (_, s, _) => InventoryChecks.CheckAsync(s),
        DeleteBlocker = async (db, s, ct) =>
        {
            var zones = await db.Zones.CountAsync(z => z.SiteId == s.Id, ct);
            var assets = await db.Assets.CountAsync(a => a.SiteId == s.Id, ct);
            var conduits = await db.Conduits.CountAsync(c => c.SiteId == s.Id, ct);
            var entryPoints = await db.EntryPoints.CountAsync(e => e.SiteId == s.Id, ct);
            var roles = await db.RoleAssignments.CountAsync(r => r.SiteId == s.Id, ct);
            var held = new[] { Count(zones, "zone"), Count(assets, "asset"), Count(conduits, "conduit"), Count(entryPoints, "entry point"), Count(roles, "user role") }
                .OfType<string>().ToList();
            return held.Count == 0 ? null
                : $"Site '{s.Name}' still has {string.Join(", ", held)}. Delete or move them first; nothing was deleted.";
        },
    };

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sites").WithTags("Sites");
        group.MapGet("/", ListAsync).WithName("ListSites").WithSummary("Sites the caller may see");
        Resource.Map(group, "Site");
    }

    private static async Task<Results<Ok<Paged<SiteDto>>, ValidationProblem>> ListAsync(
        [AsParameters] SiteListQuery query, ClaimsPrincipal user, SeamDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        query.CheckPaging(errors);
        IQueryable<Site> sites = db.Sites.AsNoTracking();
        if (user.VisibleSites() is { } visible)
        {
            var ids = visible.ToList();
            sites = sites.Where(s => ids.Contains(s.Id));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var p = "%" + AssetSearch.EscapeLike(query.Q.Trim()) + "%";
            sites = sites.Where(s => EF.Functions.Like(s.Id, p, "\\") || EF.Functions.Like(s.Name, p, "\\") || EF.Functions.Like(s.Location!, p, "\\"));
        }

        var sorted = Sorts.Apply(sites, query.Sort, errors);
        if (errors.Any || sorted is null)
        {
            return ApiProblems.BadQuery(errors);
        }

        return TypedResults.Ok((await query.ToPageAsync(sites, sorted, s => s, ct)).Map(s => s.ToDto()));
    }

    internal static string? Count(int n, string noun) => n switch
    {
        0 => null,
        1 => "1 " + noun,
        _ => $"{n} {noun}s",
    };
}
