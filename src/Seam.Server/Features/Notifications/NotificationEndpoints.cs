using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Seam.Governance.Notifications;
using Seam.Server.Features.Api;
using Seam.Server.Features.Audit;
using Seam.Server.Features.Auth;
using Seam.Storage;

namespace Seam.Server.Features.Notifications;

/// <param name="Emailed">When it was mailed; null if not (yet), see <paramref name="LastError"/>.</param>
/// <param name="LastError">Why the last delivery attempt failed, or why a channel was not used.</param>
public sealed record NotificationDto(
    long Id, DateTimeOffset CreatedAt, string Kind, string Subject, string Body, string? Link, string? Site, string? About,
    DateTimeOffset? ReadAt, DateTimeOffset? Emailed, DateTimeOffset? WebhookSent, int FailedAttempts, string? LastError);

public sealed record UnreadCount(int Unread);

public sealed record MarkedRead(int Marked);

/// <summary>Paging for the inbox: unread first, then newest first.</summary>
public sealed class NotificationQuery
{
    /// <summary>1-based page number; default 1.</summary>
    [FromQuery(Name = "page")]
    public int? Page { get; set; }

    /// <summary>Notifications per page, 1–500; default 50.</summary>
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; set; }

    /// <summary>Only those not yet read.</summary>
    [FromQuery(Name = "unread")]
    public bool? Unread { get; set; }
}

/// <summary>
/// The caller's own inbox. Every signed-in user has one whatever their role; a notification addressed to someone
/// else is answered with 404, the same as one that does not exist.
/// </summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this WebApplication app)
    {
        var inbox = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization(AuthSetup.SignedIn);
        inbox.MapGet("/", ListAsync).WithName("ListNotifications").WithSummary("My notifications, unread first, newest first")
            .ProducesValidationProblem();
        inbox.MapGet("/unread-count", async (ClaimsPrincipal caller, SeamDbContext db, CancellationToken ct) =>
                TypedResults.Ok(new UnreadCount(await Mine(db, caller).CountAsync(n => n.ReadAt == null, ct))))
            .WithName("CountUnreadNotifications").WithSummary("How many of my notifications are unread");

        // Marking your own notification read is open to every role, viewers included: these writes carry OwnRecordsWrite,
        // which the OpenAPI document shows and OpenApiSecurityTests checks (401 without credentials, a viewer gets through).
        inbox.MapPost("/{id:long}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("Mark one of my notifications read")
            .WithMetadata(OwnRecordsWrite.Instance);
        inbox.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllNotificationsRead").WithSummary("Mark all my notifications read")
            .WithMetadata(OwnRecordsWrite.Instance);
    }

    private static async Task<Results<Ok<Paged<NotificationDto>>, ValidationProblem>> ListAsync(
        [AsParameters] NotificationQuery query, ClaimsPrincipal caller, SeamDbContext db, CancellationToken ct)
    {
        var page = query.Page ?? 1;
        var size = query.PageSize ?? ListQuery.DefaultPageSize;
        var errors = new FieldErrors();
        if (page < 1)
        {
            errors.Add("page", "page starts at 1.");
        }

        if (size is < 1 or > ListQuery.MaxPageSize)
        {
            errors.Add("pageSize", $"pageSize must be between 1 and {ListQuery.MaxPageSize}.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors, "The notifications could not be listed");
        }

        var mine = Mine(db, caller);
        if (query.Unread == true)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }

        var items = await mine.InInboxOrder()
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var total = await mine.CountAsync(ct);
        return TypedResults.Ok(new Paged<NotificationDto>(items.Select(ToDto).ToList(), page, size, total));
    }

    private static async Task<Results<Ok<NotificationDto>, ProblemHttpResult>> MarkReadAsync(
        long id, ClaimsPrincipal caller, SeamDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        await NotificationInbox.MarkReadAsync(db, audit, caller.ActorName(), id, clock.GetUtcNow(), ct) is { } read
            ? TypedResults.Ok(ToDto(read))
            : ApiProblems.NotFound("notification of yours", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<Ok<MarkedRead>> MarkAllReadAsync(ClaimsPrincipal caller, SeamDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(new MarkedRead(await NotificationInbox.MarkAllReadAsync(db, audit, caller.ActorName(), clock.GetUtcNow(), ct)));

    private static IQueryable<Notification> Mine(SeamDbContext db, ClaimsPrincipal caller) => NotificationInbox.Mine(db, caller.ActorName());

    internal static NotificationDto ToDto(Notification n) =>
        new(n.Id, n.CreatedAt, n.Kind, n.Subject, n.Body, n.Link, n.SiteId, n.AboutRef, n.ReadAt, n.EmailedAt, n.WebhookSentAt, n.FailedAttempts, n.LastError);
}
