using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Audit;
using Seam.Server.Features.Api;
using Seam.Server.Features.Auth;
using Seam.Storage;

namespace Seam.Server.Features.Audit;

public sealed class AuditQuery
{
    [FromQuery(Name = "page")]
    public int? Page { get; set; }

    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; set; }

    /// <summary>asset, zone, conduit, site, entry-point, team, person, user, api-token, session.</summary>
    [FromQuery(Name = "entityType")]
    public string? EntityType { get; set; }

    [FromQuery(Name = "entityId")]
    public string? EntityId { get; set; }

    /// <summary>User name of whoever made the change.</summary>
    [FromQuery(Name = "actor")]
    public string? Actor { get; set; }

    /// <summary>create, update, delete, revoke, disable, enable, sign-in …</summary>
    [FromQuery(Name = "action")]
    public string? Action { get; set; }

    [FromQuery(Name = "site")]
    public string? Site { get; set; }
}

/// <summary>One recorded write. <c>before</c> and <c>after</c> are the record as JSON (absent on create and delete respectively).</summary>
public sealed record AuditEntryDto(
    long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string? EntityId, string? SiteId,
    JsonElement? Before, JsonElement? After, string? Summary);

public static class AuditEndpoints
{
    /// <summary>GET /api/v1/audit: newest first. Approvers see entries of their sites; entries of no site (accounts, tokens) need approver on every site.</summary>
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync)
            .WithTags("Audit")
            .WithName("ListAuditEntries")
            .WithSummary("The audit trail, newest first (approver or admin)")
            .RequireAuthorization(SeamPolicies.AuditReader);
    }

    private static async Task<Results<Ok<Paged<AuditEntryDto>>, ValidationProblem>> ListAsync(
        [AsParameters] AuditQuery query, ClaimsPrincipal user, SeamDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var paging = new ListQuery { Page = query.Page, PageSize = query.PageSize };
        paging.CheckPaging(errors);
        if (errors.Any)
        {
            return ApiProblems.BadQuery(errors);
        }

        IQueryable<AuditEntry> entries = db.AuditEntries.AsNoTracking();
        if (user.SitesWithRole(Role.Approver) is { } sites)
        {
            var ids = sites.ToList();
            entries = entries.Where(e => e.SiteId != null && ids.Contains(e.SiteId));
        }

        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            entries = entries.Where(e => e.EntityType == query.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            entries = entries.Where(e => e.EntityId == query.EntityId);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            entries = entries.Where(e => e.Actor == query.Actor);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.Site))
        {
            entries = entries.Where(e => e.SiteId == query.Site);
        }

        var page = await paging.ToPageAsync(entries, entries.OrderByDescending(e => e.Id), e => e, ct);
        return TypedResults.Ok(page.Map(e => new AuditEntryDto(
            e.Id, e.At, e.Actor, e.Action, e.EntityType, e.EntityId, e.SiteId, Json(e.Before), Json(e.After), e.Summary)));
    }

    private static JsonElement? Json(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
