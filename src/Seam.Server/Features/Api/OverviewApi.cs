using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Seam.Inventory;
using Seam.Server.Features.Auth;

namespace Seam.Server.Features.Api;

public sealed class ProblemListQuery
{
    [FromQuery(Name = "page")]
    public int? Page { get; set; }

    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; set; }

    [FromQuery(Name = "site")]
    public string? Site { get; set; }

    /// <summary>A problem code such as asset-without-owner or conduit-bypasses-dmz.</summary>
    [FromQuery(Name = "code")]
    public string? Code { get; set; }

    /// <summary>error or smell.</summary>
    [FromQuery(Name = "severity")]
    public string? Severity { get; set; }

    /// <summary>site, zone, conduit, asset, entry-point, team or person.</summary>
    [FromQuery(Name = "entity")]
    public string? Entity { get; set; }
}

/// <summary>One page of validator findings, with the totals over every page.</summary>
public sealed record ProblemPage(IReadOnlyList<ProblemDto> Items, int Page, int PageSize, int Total, int Errors, int Smells);

internal static class OverviewApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/").WithTags("Overview");
        group.MapGet("/overview", async (ClaimsPrincipal user, InventoryOverview overview, CancellationToken ct) =>
                TypedResults.Ok(await overview.GetAsync(user.VisibleSites(), ct)))
            .WithName("GetOverview")
            .WithSummary("Counts of assets by site, Purdue level and kind; assets without owner; zones without conduits; smells");

        group.MapGet("/inventory/problems", ListProblemsAsync)
            .WithName("ListInventoryProblems")
            .WithSummary("Data errors and design smells in the stored inventory, each explained for IT and for OT");
    }

    private static async Task<Results<Ok<ProblemPage>, ValidationProblem>> ListProblemsAsync(
        [AsParameters] ProblemListQuery query, ClaimsPrincipal user, InventoryOverview overview, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var paging = new ListQuery { Page = query.Page, PageSize = query.PageSize };
        paging.CheckPaging(errors);
        if (query.Severity is not null && query.Severity is not ("error" or "smell"))
        {
            errors.Add("severity", "severity is 'error' or 'smell'.");
        }

        var entity = default(InventoryEntity);
        if (query.Entity is not null && !EnumText.TryParse(query.Entity, out entity))
        {
            errors.Add("entity", $"'{query.Entity}' is not one of {EnumText.Expected<InventoryEntity>()}.");
        }

        if (errors.Any)
        {
            return ApiProblems.BadQuery(errors);
        }

        IEnumerable<ProblemDto> problems = await overview.ProblemsAsync(user.VisibleSites(), ct);
        if (!string.IsNullOrWhiteSpace(query.Site))
        {
            problems = problems.Where(p => p.SiteId == query.Site);
        }

        if (!string.IsNullOrWhiteSpace(query.Code))
        {
            problems = problems.Where(p => p.Code == query.Code);
        }

        if (query.Entity is not null)
        {
            var name = EnumText.Format(entity);
            problems = problems.Where(p => p.Entity == name);
        }

        var matching = problems.ToList();
        var total = matching.Count;
        var errorCount = matching.Count(p => p.Severity == "error");
        if (query.Severity is not null)
        {
            matching = matching.Where(p => p.Severity == query.Severity).ToList();
        }

        var size = query.PageSize ?? ListQuery.DefaultPageSize;
        var page = query.Page ?? 1;
        var items = matching.Skip((page - 1) * size).Take(size).ToList();
        return TypedResults.Ok(new ProblemPage(items, page, size, matching.Count, errorCount, total - errorCount));
    }
}
