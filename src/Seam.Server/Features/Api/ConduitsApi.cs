using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Storage;

namespace Seam.Server.Features.Api;

public sealed class ConduitListQuery : ListQuery
{
    /// <summary>Text found in the id, name or what enforces the conduit.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "site")]
    public string? Site { get; set; }

    /// <summary>Conduits that start or end in this zone.</summary>
    [FromQuery(Name = "zone")]
    public string? Zone { get; set; }
}

internal static class ConduitsApi
{
    private static readonly SortFields<Conduit> Sorts = new SortFields<Conduit>(c => c.Id, "id")
        .Add("name", c => c.Name)
        .Add("site", c => c.SiteId)
        .Add("from", c => c.FromZoneId)
        .Add("to", c => c.ToZoneId);

    public static readonly InventoryResource<Conduit, ConduitInput, ConduitDto> Resource = new()
    {
        Noun = "conduit",
        AuditType = "conduit",
        Entity = InventoryEntity.Conduit,
        Id = c => c.Id,
        Site = c => c.SiteId,
        FromInput = (input, id, errors) => input.ToConduit(id, errors),
        ToDto = c => c.ToDto(),
        Check = (checks, c, ct) => checks.CheckAsync(c, ct),
    };

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conduits").WithTags("Conduits");
        group.MapGet("/", ListAsync).WithName("ListConduits").WithSummary("Conduits in the sites the caller may see");
        Resource.Map(group, "Conduit");
    }

    private static async Task<Results<Ok<Paged<ConduitDto>>, ValidationProblem>> ListAsync(
        [AsParameters] ConduitListQuery query, ClaimsPrincipal user, SeamDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        query.CheckPaging(errors);
        IQueryable<Conduit> conduits = db.Conduits.AsNoTracking();
        if (user.VisibleSites() is { } visible)
        {
            var ids = visible.ToList();
            conduits = conduits.Where(c => ids.Contains(c.SiteId));
        }

        if (!string.IsNullOrWhiteSpace(query.Site))
        {
            conduits = conduits.Where(c => c.SiteId == query.Site);
        }

        if (!string.IsNullOrWhiteSpace(query.Zone))
        {
            conduits = conduits.Where(c => c.FromZoneId == query.Zone || c.ToZoneId == query.Zone);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var p = "%" + AssetSearch.EscapeLike(query.Q.Trim()) + "%";
            conduits = conduits.Where(c => EF.Functions.Like(c.Id, p, "\\") || EF.Functions.Like(c.Name!, p, "\\") || EF.Functions.Like(c.EnforcedBy!, p, "\\"));
        }

        var sorted = Sorts.Apply(conduits, query.Sort, errors);
        if (errors.Any || sorted is null)
        {
            return ApiProblems.BadQuery(errors);
        }

        return TypedResults.Ok((await query.ToPageAsync(conduits, sorted, c => c, ct)).Map(c => c.ToDto()));
    }
}
