using MailKit.Security;
using Seam.Governance.Notifications;

namespace Seam.Server.Features.Notifications;

/// <summary>Configuration section <c>Seam:Notifications</c>; see docs/notifications.md.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Seam:Notifications";

    /// <summary>The address people reach Seam at (e.g. https://seam.example.org), put before each notification's link in
    /// mail and webhooks. Without it the link stays relative.</summary>
    public string? PublicUrl { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public List<WebhookSubscription> Webhooks { get; set; } = [];

    /// <summary>Run the dispatcher in the server (default). Off for a server that should only show the inbox, or in
    /// tests that drive <see cref="NotificationDispatcher.DeliverPendingAsync"/> themselves.</summary>
    public bool DeliverInBackground { get; set; } = true;

    /// <summary>How often the dispatcher looks for undelivered rows.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many failed attempts a row is no longer retried; it stays in the inbox with its last error.</summary>
    public int MaxAttempts { get; set; } = 10;

    internal Uri? PublicBase => Uri.TryCreate(PublicUrl, UriKind.Absolute, out var u) ? u : null;

    /// <summary>The notification's link made absolute with <see cref="PublicUrl"/> when there is one.</summary>
    internal string? AbsoluteLink(Notification n) =>
        n.Link is null ? null : PublicBase is { } b ? new Uri(b, n.Link.TrimStart('/')).ToString() : n.Link;

    internal IEnumerable<string> Problems()
    {
        if (PublicUrl is not null && PublicBase is not { Scheme: "http" or "https" })
        {
            yield return $"{Section}:PublicUrl: '{PublicUrl}' is not an absolute http(s) address.";
        }

        if (Smtp.IsConfigured && !System.Net.Mail.MailAddress.TryCreate(Smtp.From, out _))
        {
            yield return $"{Section}:Smtp:From: '{Smtp.From}' is not an email address; mail needs a sender (e.g. seam@example.org).";
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return $"{Section}:Smtp:Port: {Smtp.Port} is not a TCP port (1–65535).";
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            yield return $"{Section}:PollInterval: expected a positive time span such as 00:00:30.";
        }

        if (MaxAttempts < 1)
        {
            yield return $"{Section}:MaxAttempts: expected at least 1.";
        }

        for (var i = 0; i < Webhooks.Count; i++)
        {
            var w = Webhooks[i];
            var at = $"{Section}:Webhooks:{i}";
            if (!Uri.TryCreate(w.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                yield return $"{at}:Url: expected an absolute http(s) address.";
            }

            if ((w.Secret?.Length ?? 0) < 16)
            {
                yield return $"{at}:Secret: expected a shared secret of at least 16 characters for the signature.";
            }
        }
    }
}

public sealed class SmtpOptions
{
    /// <summary>The mail server; mail is off while it is empty.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's names). Default StartTls.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>The sender, e.g. "Seam &lt;seam@example.org&gt;".</summary>
    public string? From { get; set; }

    /// <summary>Sign-in name for servers that want one; none when empty.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    internal bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>A chat tool or other receiver that gets signed JSON posts.</summary>
public sealed class WebhookSubscription
{
    /// <summary>Used in logs and errors instead of the URL, which often carries a token of its own.</summary>
    public string Name { get; set; } = "webhook";

    public string Url { get; set; } = "";

    public string Secret { get; set; } = "";

    /// <summary>Notification kinds to send (e.g. decision-waiting); empty for all.</summary>
    public List<string> Kinds { get; set; } = [];

    /// <summary>Only notifications about this site; null for every site.</summary>
    public string? Site { get; set; }

    internal bool Wants(Notification n) =>
        (Kinds.Count == 0 || Kinds.Contains(n.Kind, StringComparer.OrdinalIgnoreCase))
        && (Site is null || string.Equals(Site, n.SiteId, StringComparison.Ordinal));
}
