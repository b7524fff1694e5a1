using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Seam.Governance.Notifications;
using Seam.Storage;

namespace Seam.Server.Features.Notifications;

/// <summary>How one dispatcher round went.</summary>
public sealed record DeliveryRound(int Claimed, int Delivered, int Failed);

/// <summary>
/// Turns notification rows into mail and webhook posts. Each row is first claimed with a conditional UPDATE that sets
/// <see cref="Notification.NextAttemptAt"/> to a lease in the future; only the dispatcher whose UPDATE changed the row
/// sends it, so two Seam servers on one PostgreSQL database (or two rounds in one process) never both send it. A sent
/// channel gets its timestamp and is never sent again; a failed one is retried after a back-off that doubles from a
/// minute up to six hours, until <see cref="NotificationOptions.MaxAttempts"/>. Only a server that dies between the
/// mail server's acceptance and the timestamp's commit can cause a second copy, once its lease has run out.
/// </summary>
public sealed class NotificationDispatcher(
    SeamDbContextFactory contexts, IServiceProvider services, IOptions<NotificationOptions> options, TimeProvider clock,
    ILogger<NotificationDispatcher> logger)
{
    /// <summary>How long a claimed row is reserved for the dispatcher sending it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private const int BatchSize = 100;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(6);

    /// <summary>Waits after the <paramref name="failedAttempts"/>-th failure: 1, 2, 4 … minutes, at most six hours.</summary>
    public static TimeSpan Backoff(int failedAttempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(failedAttempts - 1, 20)));

    /// <summary>Sends every row that is due, up to a batch; call again for more.</summary>
    public async Task<DeliveryRound> DeliverPendingAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var max = options.Value.MaxAttempts;
        await using var db = contexts.Create();
        var due = await db.Notifications.AsNoTracking().Where(Due(now, max)).OrderBy(n => n.Id).Select(n => n.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return new(0, 0, 0);
        }

        var emails = ActivatorUtilities.CreateInstance<EmailSender>(services);
        await using var _ = emails;
        var webhooks = ActivatorUtilities.CreateInstance<WebhookSender>(services);
        int claimed = 0, delivered = 0, failed = 0;
        foreach (var id in due)
        {
            var leaseUntil = now + Lease;
            var won = await db.Notifications.Where(n => n.Id == id).Where(Due(now, max))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, leaseUntil), ct);
            if (won == 0)
            {
                continue; // another dispatcher has it, or delivered it since the query above
            }

            claimed++;
            var row = await db.Notifications.SingleAsync(n => n.Id == id, ct);
            var error = await DeliverAsync(db, row, emails, webhooks, ct);
            var at = clock.GetUtcNow();
            if (error is null)
            {
                row.NextAttemptAt = null;
                delivered++;
            }
            else
            {
                row.FailedAttempts++;
                row.LastError = Truncate(error);
                row.NextAttemptAt = at + Backoff(row.FailedAttempts);
                failed++;
                logger.LogWarning("Notification {Id} to {Recipient}: attempt {Attempt} failed ({Error}); next try at {Next:O}.",
                    row.Id, row.Recipient, row.FailedAttempts, row.LastError, row.NextAttemptAt);
            }

            // Delivery bookkeeping is the outbox's own state, not a change to Seam's records: it is not audited.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return new(claimed, delivered, failed);
    }

    /// <summary>Sends what the row still needs; null when nothing failed. Sets the channels' timestamps as they succeed.</summary>
    private async Task<string?> DeliverAsync(SeamDbContext db, Notification row, EmailSender emails, WebhookSender webhooks, CancellationToken ct)
    {
        var errors = new List<string>();
        var notes = new List<string>();
        if (row.Channels.HasFlag(NotificationChannels.Email) && row.EmailedAt is null)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.UserName == row.Recipient).Select(u => new { u.Email, u.Disabled }).FirstOrDefaultAsync(ct);
            var address = user is { Disabled: false } ? user.Email : null;
            if (!emails.IsConfigured || string.IsNullOrWhiteSpace(address))
            {
                // Nothing will ever change for this row by waiting: drop the channel and say why; the inbox still shows it.
                row.Channels &= ~NotificationChannels.Email;
                notes.Add(!emails.IsConfigured ? "Not mailed: no SMTP server is configured."
                    : user is null ? $"Not mailed: there is no user '{row.Recipient}'."
                    : user.Disabled ? $"Not mailed: the account '{row.Recipient}' is disabled."
                    : $"Not mailed: user '{row.Recipient}' has no email address.");
            }
            else if (await emails.SendAsync(row, address, ct) is { } mailError)
            {
                errors.Add(mailError);
            }
            else
            {
                row.EmailedAt = clock.GetUtcNow();
            }
        }

        if (row.Channels.HasFlag(NotificationChannels.Webhook) && row.WebhookSentAt is null)
        {
            var subscriptions = webhooks.SubscriptionsFor(row);
            if (subscriptions.Count == 0)
            {
                row.Channels &= ~NotificationChannels.Webhook;
            }
            else if (await webhooks.SendAsync(row, subscriptions, ct) is { } hookError)
            {
                errors.Add(hookError);
            }
            else
            {
                row.WebhookSentAt = clock.GetUtcNow();
            }
        }

        if (errors.Count == 0 && notes.Count > 0)
        {
            row.LastError = Truncate(string.Join(" ", notes));
        }

        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    /// <summary>A row with a channel still to send, not leased or backing off, and not given up on.</summary>
    private static Expression<Func<Notification, bool>> Due(DateTimeOffset now, int maxAttempts) => n =>
        (((n.Channels & NotificationChannels.Email) == NotificationChannels.Email && n.EmailedAt == null)
         || ((n.Channels & NotificationChannels.Webhook) == NotificationChannels.Webhook && n.WebhookSentAt == null))
        && (n.NextAttemptAt == null || n.NextAttemptAt <= now)
        && n.FailedAttempts < maxAttempts;

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..997] + "…";
}
