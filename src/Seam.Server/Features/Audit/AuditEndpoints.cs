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
using Seam.Storage.Audit;

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

/// <summary>The chain's verdict: intact with its head, or the first entry that does not fit, what kind of break, and why.</summary>
/// <param name="Kind">edited, rewritten, deleted, unhashed, out-of-order, anchor-mismatch or truncated; null when intact.</param>
public sealed record AuditVerificationDto(bool Intact, long EntriesChecked, long? FirstBrokenId, string? Kind, string Message, AuditHead? Head)
{
    public static AuditVerificationDto From(AuditVerification v) => new(
        v.Intact, v.EntriesChecked, v.FirstBrokenId, v.Kind is { } kind ? JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString()) : null, v.Message, v.Head);
}

public static class AuditEndpoints
{
    private const string WholeLog = "Verifying or exporting the audit log covers every site's entries: it needs approver on every site.";

    /// <summary>GET /api/v1/audit: newest first. Approvers see entries of their sites; entries of no site (accounts, tokens) need approver on every site.</summary>
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync)
            .WithTags("Audit")
            .WithName("ListAuditEntries")
            .WithSummary("The audit trail, newest first (approver or admin)")
            .RequireAuthorization(SeamPolicies.AuditReader);
        api.MapGet("/audit/verify", VerifyAsync)
            .WithTags("Audit")
            .WithName("VerifyAuditLog")
            .WithSummary("Check every audit entry against the hash chain; names the first entry that was edited, deleted, moved or forged (approver on every site)")
            .RequireAuthorization(SeamPolicies.AuditReader);
        api.MapGet("/audit/export", Export)
            .WithTags("Audit")
            .WithName("ExportAuditLog")
            .WithSummary("The audit log as JSON lines (application/x-ndjson) for a SIEM, with each entry's hash and the previous one (approver on every site)")
            .Produces(StatusCodes.Status200OK, contentType: AuditExport.MediaType)
            .RequireAuthorization(SeamPolicies.AuditReader);
    }

    private static async Task<Results<Ok<AuditVerificationDto>, ProblemHttpResult>> VerifyAsync(ClaimsPrincipal user, SeamDbContext db, CancellationToken ct)
    {
        if (user.SitesWithRole(Role.Approver) is not null)
        {
            return ApiProblems.Forbidden(WholeLog);
        }

        return TypedResults.Ok(AuditVerificationDto.From(await AuditLogVerifier.VerifyAsync(db, cancellationToken: ct)));
    }

    /// <param name="afterId">Only entries with a greater id: what is new since the last export.</param>
    private static Results<PushStreamHttpResult, ProblemHttpResult, ValidationProblem> Export(
        ClaimsPrincipal user, SeamDbContext db, [FromQuery(Name = "afterId")] long? afterId, CancellationToken ct)
    {
        if (user.SitesWithRole(Role.Approver) is not null)
        {
            return ApiProblems.Forbidden(WholeLog);
        }

        if (afterId < 0)
        {
            var errors = new FieldErrors();
            errors.Add("afterId", "Expected an entry id of 0 or more.");
            return ApiProblems.BadQuery(errors);
        }

        return TypedResults.Stream(stream => AuditExport.WriteJsonLinesAsync(db, stream, afterId ?? 0, ct), AuditExport.MediaType);
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
