namespace Seam.Governance.Notifications;

/// <summary>How a notification reaches its recipient besides the in-app inbox, which every notification appears in.</summary>
[Flags]
public enum NotificationChannels
{
    Inbox = 0,
    Email = 1,
    Webhook = 2,
}

/// <summary>
/// Something a person should know or do: a decision waiting for them, a request decided, an escalation, a risk
/// acceptance that lapsed. Written in the same transaction as the change that causes it (an outbox), so a rolled-back
/// change notifies nobody; a dispatcher then delivers it by email and webhook and records when it did.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The Seam user name it is for.</summary>
    public required string Recipient { get; set; }

    /// <summary>decision-waiting, request-decided, request-escalated, acceptance-expired, grant-expired …</summary>
    public required string Kind { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>Where in Seam to act on it, relative to the site root, e.g. "/requests/REQ-0042".</summary>
    public string? Link { get; set; }

    public string? SiteId { get; set; }

    /// <summary>The request, finding or grant it is about ("request:REQ-0042").</summary>
    public string? AboutRef { get; set; }

    public NotificationChannels Channels { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public DateTimeOffset? EmailedAt { get; set; }

    public DateTimeOffset? WebhookSentAt { get; set; }

    /// <summary>Delivery attempts that failed, and the last failure, so a broken mail server is visible and retried.</summary>
    public int FailedAttempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// Not before this instant will a dispatcher try the row again: the back-off after a failure, and the lease one
    /// dispatcher holds on the row while it sends (so that two servers never both send it). Null: due now.
    /// </summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}
