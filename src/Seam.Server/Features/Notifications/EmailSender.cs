using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Seam.Governance.Notifications;

namespace Seam.Server.Features.Notifications;

/// <summary>
/// One SMTP session for one dispatcher round: connects on the first message, sends each notification as a plain-text
/// mail, and closes at the end. A refused message fails that message only; a broken connection is reopened for the next.
/// </summary>
internal sealed class EmailSender(IOptions<NotificationOptions> options) : IAsyncDisposable
{
    private readonly SmtpClient client = new();

    private NotificationOptions Options => options.Value;

    public bool IsConfigured => Options.Smtp.IsConfigured;

    /// <summary>Null when the server accepted the message; otherwise why not, fit for <see cref="Notification.LastError"/>.</summary>
    public async Task<string?> SendAsync(Notification notification, string address, CancellationToken ct)
    {
        try
        {
            await EnsureConnectedAsync(ct);
            await client.SendAsync(Message(notification, address), ct);
            return null;
        }
        catch (ParseException e)
        {
            return $"'{address}' or the configured sender is not an address the mail library accepts: {e.Message}";
        }
        catch (SmtpCommandException e)
        {
            return $"The mail server refused the message ({(int)e.StatusCode}): {e.Message}";
        }
        catch (Exception e) when (e is SmtpProtocolException or ServiceNotConnectedException or IOException or System.Net.Sockets.SocketException
                                      or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or TimeoutException)
        {
            await DropConnectionAsync();
            return $"Mail to {Options.Smtp.Host}:{Options.Smtp.Port} failed: {e.Message}";
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken ct)
    {
        if (client.IsConnected)
        {
            return;
        }

        var smtp = Options.Smtp;
        client.Timeout = (int)smtp.Timeout.TotalMilliseconds;
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        }
    }

    private MimeMessage Message(Notification n, string address)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(Options.Smtp.From!));
        message.To.Add(MailboxAddress.Parse(address));
        message.Subject = n.Subject;

        // A stable id lets mail systems and people recognise a resent copy of the same notification.
        var host = Options.PublicBase?.Host ?? "seam.invalid";
        message.MessageId = $"notification-{n.Id}@{host}";
        message.Date = n.CreatedAt;
        var link = Options.AbsoluteLink(n);
        message.Body = new TextPart("plain")
        {
            Text = link is null ? n.Body + "\n" : $"{n.Body}\n\nOpen in Seam: {link}\n",
        };
        return message;
    }

    private async Task DropConnectionAsync()
    {
        try
        {
            await client.DisconnectAsync(quit: false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Already gone; the next message connects afresh.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or SmtpCommandException)
            {
                // The messages were already accepted; a QUIT that fails changes nothing.
            }
        }

        client.Dispose();
    }
}
