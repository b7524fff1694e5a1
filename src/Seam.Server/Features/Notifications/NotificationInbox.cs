using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Seam.Governance.Notifications;
using Seam.Server.Features.Audit;
using Seam.Storage;

namespace Seam.Server.Features.Notifications;

/// <summary>One person's inbox, shared by the API and the UI: reads are limited to the recipient, and marking read is audited.</summary>
public static class NotificationInbox
{
    public static IQueryable<Notification> Mine(SeamDbContext db, string me) =>
        db.Notifications.AsNoTracking().Where(n => n.Recipient == me);

    /// <summary>Unread first, then newest first.</summary>
    public static IQueryable<Notification> InInboxOrder(this IQueryable<Notification> q) =>
        q.OrderBy(n => n.ReadAt == null ? 0 : 1).ThenByDescending(n => n.Id);

    /// <summary>The notification once read, or null when <paramref name="me"/> has none with that id (someone else's included).</summary>
    public static async Task<Notification?> MarkReadAsync(SeamDbContext db, AuditLog audit, string me, long id, DateTimeOffset now, CancellationToken ct)
    {
        var notification = await db.Notifications.AsTracking().FirstOrDefaultAsync(n => n.Id == id && n.Recipient == me, ct);
        if (notification is null || notification.ReadAt is not null)
        {
            return notification;
        }

        notification.ReadAt = now;
        audit.Record(me, "read", "notification", id.ToString(CultureInfo.InvariantCulture), notification.SiteId, null, null, $"Read: {notification.Subject}");
        await db.SaveChangesAsync(ct);
        return notification;
    }

    /// <summary>Marks every unread notification of <paramref name="me"/> read; returns how many.</summary>
    public static async Task<int> MarkAllReadAsync(SeamDbContext db, AuditLog audit, string me, DateTimeOffset now, CancellationToken ct)
    {
        var unread = await db.Notifications.AsTracking().Where(n => n.Recipient == me && n.ReadAt == null).ToListAsync(ct);
        if (unread.Count == 0)
        {
            return 0;
        }

        unread.ForEach(n => n.ReadAt = now);
        audit.Record(me, "read-all", "notification", null, null, null, null, $"Marked {unread.Count} notification(s) read.");
        await db.SaveChangesAsync(ct);
        return unread.Count;
    }
}
