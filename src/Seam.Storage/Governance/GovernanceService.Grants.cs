using Microsoft.EntityFrameworkCore;
using Seam.Audit;
using Seam.Exposure.Model;
using Seam.Governance.Notifications;
using Seam.Governance.Requests;

namespace Seam.Storage.Governance;

/// <summary>How vendor access grants end: revoked early by a person, or expired by themselves and noticed by the sweep.</summary>
public sealed partial class GovernanceService
{
    public const string GrantAuditType = "access-grant";

    /// <summary>Grants that ended longer ago than this when the sweep first sees them are recorded without telling anyone: news that old helps nobody.</summary>
    private static readonly TimeSpan StaleExpiry = TimeSpan.FromDays(7);

    /// <summary>
    /// Ends an active or future grant now: its end moves to this moment, so "who can reach what now" and the exposure
    /// model's entry points drop it at once. The approved end, who revoked it and why are kept; the grantee and the
    /// requester are told. Who may revoke is the API's business.
    /// </summary>
    public async Task<GovernanceResult<GrantEnd>> RevokeGrantAsync(string grantId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            return GovernanceErrors.BadInput("reason: revoking a grant needs a reason of 1–1000 characters; the grantee and the requester read it.");
        }

        await using var db = contexts.Create();
        var grant = await db.AccessGrants.FirstOrDefaultAsync(g => g.Id == grantId, cancellationToken);
        if (grant is null)
        {
            return new RequestError(GovernanceErrors.NotFound, $"No access grant {grantId}.");
        }

        var now = time.GetUtcNow();
        if (grant.To <= now || await db.AccessGrantEnds.AnyAsync(e => e.GrantId == grantId, cancellationToken))
        {
            return new RequestError("grant-ended", $"Access grant {grantId} ended at {grant.To:yyyy-MM-dd HH:mm} UTC; there is nothing left to revoke.");
        }

        var scheduledEnd = grant.To;
        var entry = db.Entry(grant);
        entry.Property(g => g.To).CurrentValue = now;
        if (grant.From > now)
        {
            entry.Property(g => g.From).CurrentValue = now;
        }

        var end = new AccessGrantEndRecord { GrantId = grantId, Kind = AccessGrantEndRecord.Revoked, At = now, By = actor, Reason = reason.Trim(), ScheduledEnd = scheduledEnd };
        db.AccessGrantEnds.Add(end);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "update",
            EntityType = GrantAuditType,
            EntityId = grantId,
            SiteId = grant.SiteId,
            Before = $$"""{"to":"{{scheduledEnd:O}}"}""",
            After = $$"""{"to":"{{now:O}}","revoked":true}""",
            Summary = $"{actor} revoked {grant.Grantee}'s access {grantId} (approved until {scheduledEnd:yyyy-MM-dd HH:mm} UTC): {end.Reason}",
        });

        var requestId = RequestOf(grantId);
        var requester = requestId is null ? null : await db.Requests.AsNoTracking().Where(r => r.Id == requestId).Select(r => r.RequestedBy).FirstOrDefaultAsync(cancellationToken);
        foreach (var recipient in new[] { grant.Grantee, requester }.OfType<string>().Distinct(StringComparer.Ordinal).Where(r => r != actor))
        {
            NotifyGrant(db, recipient, NotificationKinds.GrantRevoked, grant, requestId, now, $"Access revoked: {grantId}",
                $"{actor} revoked {grant.Grantee}'s access to {string.Join(", ", grant.AssetIds)} via {grant.Method} on {grant.SiteId}, which ran until {scheduledEnd:yyyy-MM-dd HH:mm} UTC: {end.Reason}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToEnd(end);
    }

    /// <summary>
    /// Records every grant past its end that has no end recorded yet as expired, and tells the requester of its request
    /// and the people who approved it (kind grant-expired), once. Run by the server's grant-expiry sweep.
    /// </summary>
    public async Task<IReadOnlyList<string>> NoteExpiredGrantsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var expired = await db.AccessGrants.AsNoTracking()
            .Where(g => g.To <= now && !db.AccessGrantEnds.Any(e => e.GrantId == g.Id))
            .ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return [];
        }

        var requestIds = expired.Select(g => RequestOf(g.Id)).OfType<string>().ToList();
        var requests = await db.Requests.AsNoTracking().Where(r => requestIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var grant in expired.OrderBy(g => g.To))
        {
            db.AccessGrantEnds.Add(new AccessGrantEndRecord { GrantId = grant.Id, Kind = AccessGrantEndRecord.Expired, At = grant.To, ScheduledEnd = grant.To });
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                Actor = "seam",
                Action = "update",
                EntityType = GrantAuditType,
                EntityId = grant.Id,
                SiteId = grant.SiteId,
                Summary = $"{grant.Grantee}'s access {grant.Id} expired at {grant.To:yyyy-MM-dd HH:mm} UTC.",
            });
            if (now - grant.To > StaleExpiry)
            {
                continue;
            }

            var requestId = RequestOf(grant.Id);
            var record = requestId is null ? null : requests.GetValueOrDefault(requestId);
            foreach (var recipient in record is null ? [] : Concerned(record))
            {
                NotifyGrant(db, recipient, NotificationKinds.GrantExpired, grant, requestId, now, $"Access ended: {grant.Id}",
                    $"{grant.Grantee}'s access to {string.Join(", ", grant.AssetIds)} via {grant.Method} on {grant.SiteId} expired at {grant.To:yyyy-MM-dd HH:mm} UTC, as approved in {requestId}.");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return [.. expired.Select(g => g.Id)];
    }

    /// <summary>How a grant ended, or null while it runs (or when there is no such grant).</summary>
    public async Task<GrantEnd?> GrantEndAsync(string grantId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var end = await db.AccessGrantEnds.AsNoTracking().FirstOrDefaultAsync(e => e.GrantId == grantId, cancellationToken);
        return end is null ? null : ToEnd(end);
    }

    /// <summary>The grant itself (any state), for the API's site and ownership checks.</summary>
    public async Task<AccessGrant?> GrantAsync(string grantId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.AccessGrants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == grantId, cancellationToken);
    }

    /// <summary>The requester and everyone who approved: a team view in favour, or a seam-owner ruling that approved.</summary>
    private static IEnumerable<string> Concerned(RequestRecord record)
    {
        var snapshot = GovernanceJson.Read<DecisionRequestSnapshot>(record.Document);
        var approvers = snapshot.Views.Where(v => v.Approves).Select(v => v.By)
            .Concat(snapshot.Ruling is { Approves: true } ruling ? [ruling.By] : []);
        return new[] { record.RequestedBy }.Concat(approvers).Distinct(StringComparer.Ordinal);
    }

    private static string? RequestOf(string grantId) => grantId.EndsWith("-grant", StringComparison.Ordinal) ? grantId[..^"-grant".Length] : null;

    private static GrantEnd ToEnd(AccessGrantEndRecord e) => new(e.GrantId, RequestOf(e.GrantId), e.Kind, e.At, e.By, e.Reason, e.ScheduledEnd);

    private static void NotifyGrant(SeamDbContext db, string recipient, string kind, AccessGrant grant, string? requestId, DateTimeOffset now, string subject, string body) =>
        db.Notifications.Add(new Notification
        {
            CreatedAt = now,
            Recipient = recipient,
            Kind = kind,
            Subject = subject,
            Body = body,
            Link = requestId is null ? "/access" : $"/requests/{requestId}",
            SiteId = grant.SiteId,
            AboutRef = $"access-grant:{grant.Id}",
            Channels = NotificationKinds.DefaultChannels(kind),
        });
}
