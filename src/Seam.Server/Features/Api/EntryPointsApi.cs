using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Storage;

namespace Seam.Server.Features.Api;

public sealed class EntryPointListQuery : ListQuery
{
    /// <summary>Text found in the id, name, vendor or method.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "site")]
    public string? Site { get; set; }

    /// <summary>internet, enterprise-it, vendor-remote-access or removable-media.</summary>
    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    /// <summary>The zone the entry point lands in.</summary>
    [FromQuery(Name = "zone")]
    public string? Zone { get; set; }
}

internal static class EntryPointsApi
{
    private static readonly SortFields<EntryPoint> Sorts = new SortFields<EntryPoint>(e => e.Id, "name")
        .Add("name", e => e.Name)
        .Add("kind", e => e.Kind)
        .Add("site", e => e.SiteId);

    public static readonly InventoryResource<EntryPoint, EntryPointInput, EntryPointDto> Resource = new()
    {
        Noun = "entry point",
        AuditType = "entry-point",
        Entity = InventoryEntity.EntryPoint,
        Id = e => e.Id,
        Site = e => e.SiteId,
        FromInput = (input, id, errors) => input.ToEntryPoint(id, errors),
        ToDto = e => e.ToDto(),
        Check = (checks, e, ct) => checks.CheckAsync(e, ct),
    };

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/entry-points").WithTags("Entry points");
        group.MapGet("/", ListAsync).WithName("ListEntryPoints").WithSummary("Entry points in the sites the caller may see");
        Resource.Map(group, "EntryPoint");
    }

    private static async Task<Results<Ok<Paged<EntryPointDto>>, ValidationProblem>> ListAsync(
        [AsParameters] EntryPointListQuery query, ClaimsPrincipal user, SeamDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        query.CheckPaging(errors);
        IQueryable<EntryPoint> entries = db.EntryPoints.AsNoTracking();
        if (user.VisibleSites() is { } visible)
        {
            var ids = visible.ToList();
            entries = entries.Where(e => ids.Contains(e.SiteId));
        }

        if (!string.IsNullOrWhiteSpace(query.Site))
        {
            entries = entries.Where(e => e.SiteId == query.Site);
        }

        if (!string.IsNullOrWhiteSpace(query.Zone))
        {
            entries = entries.Where(e => e.ZoneId == query.Zone);
        }

        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            if (EnumText.TryParse<EntryPointKind>(query.Kind, out var kind))
            {
                entries = entries.Where(e => e.Kind == kind);
            }
            else
            {
                errors.Add("kind", $"'{query.Kind}' is not one of {EnumText.Expected<EntryPointKind>()}.");
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var p = "%" + AssetSearch.EscapeLike(query.Q.Trim()) + "%";
            entries = entries.Where(e => EF.Functions.Like(e.Id, p, "\\") || EF.Functions.Like(e.Name, p, "\\")
                || EF.Functions.Like(e.Vendor!, p, "\\") || EF.Functions.Like(e.Method!, p, "\\"));
        }

        var sorted = Sorts.Apply(entries, query.Sort, errors);
        if (errors.Any || sorted is null)
        {
            return ApiProblems.BadQuery(errors);
        }

        return TypedResults.Ok((await query.ToPageAsync(entries, sorted, e => e, ct)).Map(e => e.ToDto()));
    }
}
