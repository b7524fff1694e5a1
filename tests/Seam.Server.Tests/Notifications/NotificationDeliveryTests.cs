using System.Text;
using System.Text.Json;
using MimeKit;
using Seam.Governance.Notifications;
using Seam.Testing.Smtp;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests.Notifications;

/// <summary>Notification rows turned into mail and signed webhook posts by the real server's dispatcher.</summary>
public abstract class NotificationDeliveryTests(NotificationServerFixture server)
{
    private static MimeMessage Parse(SmtpReceivedMessage message) =>
        MimeMessage.Load(new MemoryStream(Encoding.Latin1.GetBytes(message.Data)));

    private IReadOnlyList<SmtpReceivedMessage> MailTo(string address) =>
        server.Smtp.Messages.Where(m => m.Recipients.Contains(address)).ToList();

    private IReadOnlyList<ReceivedPost> PostsAbout(Notification n, string path = "/hooks/chat") =>
        server.Receiver.Posts.Where(p => p.Path == path && p.Headers.GetValueOrDefault(WebhookSignature.EventIdHeaderName) == $"ntf-{n.Id}").ToList();

    [Fact]
    public async Task A_waiting_decision_is_mailed_to_its_recipient_with_subject_and_link_once()
    {
        var user = NewId("alice");
        var address = $"{user}@plant.example.org";
        await server.UserWithEmailAsync(user, address);
        var row = await server.AddAsync(user, NotificationKinds.DecisionWaiting);

        var round = await server.DeliverAsync();

        var mail = Assert.Single(MailTo(address));
        Assert.Equal("seam@example.org", mail.From);
        var message = Parse(mail);
        Assert.Equal(row.Subject, message.Subject);
        Assert.Contains("https://seam.example.org/requests/REQ-0042", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("waits for your approval", message.TextBody, StringComparison.Ordinal);
        Assert.True(round.Delivered >= 1);
        var stored = await server.RowAsync(row.Id);
        Assert.Equal(server.Clock.GetUtcNow(), stored.EmailedAt);
        Assert.Null(stored.LastError);

        server.Clock.Advance(TimeSpan.FromHours(1));
        await server.DeliverAsync();
        Assert.Single(MailTo(address));
    }

    [Fact]
    public async Task A_refusing_mail_server_is_retried_after_the_backoff_and_the_mail_goes_out_once()
    {
        var user = NewId("bob");
        var address = $"{user}@plant.example.org";
        await server.UserWithEmailAsync(user, address);
        var row = await server.AddAsync(user, NotificationKinds.RequestEscalated);

        server.Smtp.Reject(SmtpStage.EndOfData, "451 4.3.0 Mailbox busy, try again later");
        try
        {
            await server.DeliverAsync();
        }
        finally
        {
            server.Smtp.AcceptAgain();
        }

        var failed = await server.RowAsync(row.Id);
        Assert.Null(failed.EmailedAt);
        Assert.Equal(1, failed.FailedAttempts);
        Assert.Contains("451", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("Mailbox busy", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(server.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), failed.NextAttemptAt);
        Assert.Empty(MailTo(address));

        // The server works again, but the row waits out its back-off.
        await server.DeliverAsync();
        Assert.Empty(MailTo(address));

        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await server.DeliverAsync();
        await server.DeliverAsync();
        Assert.Single(MailTo(address));
        var sent = await server.RowAsync(row.Id);
        Assert.NotNull(sent.EmailedAt);
        Assert.Equal(1, sent.FailedAttempts);
        Assert.Null(sent.NextAttemptAt);
    }

    [Fact]
    public async Task An_unreachable_mail_server_is_recorded_and_the_row_kept()
    {
        var user = NewId("carol");
        await server.UserWithEmailAsync(user, $"{user}@plant.example.org");
        var row = await server.AddAsync(user, NotificationKinds.DecisionWaiting);
        server.Smtp.Reject(SmtpStage.MailFrom, "554 5.7.1 Relay access denied");
        try
        {
            await server.DeliverAsync();
        }
        finally
        {
            server.Smtp.AcceptAgain();
        }

        var failed = await server.RowAsync(row.Id);
        Assert.Null(failed.EmailedAt);
        Assert.Contains("554", failed.LastError, StringComparison.Ordinal);

        // The webhook went out in the same attempt and is not sent again with the retried mail.
        Assert.NotNull(failed.WebhookSentAt);
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await server.DeliverAsync();
        Assert.NotNull((await server.RowAsync(row.Id)).EmailedAt);
        Assert.Single(PostsAbout(row));
    }

    [Fact]
    public async Task A_user_without_an_address_gets_the_inbox_only_and_is_told_why()
    {
        var user = NewId("dave");
        await server.UserWithEmailAsync(user, null);
        var row = await server.AddAsync(user, NotificationKinds.AcceptanceExpired, site: "south");
        var before = server.Smtp.Messages.Count;

        await server.DeliverAsync();

        var stored = await server.RowAsync(row.Id);
        Assert.False(stored.Channels.HasFlag(NotificationChannels.Email));
        Assert.Null(stored.EmailedAt);
        Assert.Contains("has no email address", stored.LastError, StringComparison.Ordinal);
        Assert.Equal(0, stored.FailedAttempts);
        Assert.Equal(before, server.Smtp.Messages.Count);
    }

    [Fact]
    public async Task Webhook_posts_verify_with_the_secret_and_a_tampered_body_does_not()
    {
        var user = NewId("erin");
        await server.UserWithEmailAsync(user, null);
        var row = await server.AddAsync(user, NotificationKinds.DecisionWaiting);

        await server.DeliverAsync();

        var post = Assert.Single(PostsAbout(row));
        Assert.Empty(PostsAbout(row, "/hooks/south"));
        Assert.Equal(NotificationKinds.DecisionWaiting, post.Headers[WebhookSignature.EventKindHeaderName]);
        var signature = post.Headers[WebhookSignature.HeaderName];
        var now = server.Clock.GetUtcNow();
        Assert.Equal(WebhookVerification.Valid, WebhookSignature.Verify(NotificationServerFixture.ChatSecret, signature, post.Body, now));

        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(post.Body).Replace("REQ-0042", "REQ-0043", StringComparison.Ordinal));
        Assert.Equal(WebhookVerification.Mismatch, WebhookSignature.Verify(NotificationServerFixture.ChatSecret, signature, tampered, now));
        Assert.Equal(WebhookVerification.Mismatch, WebhookSignature.Verify(NotificationServerFixture.SouthSecret, signature, post.Body, now));
        Assert.Equal(WebhookVerification.OutsideTolerance,
            WebhookSignature.Verify(NotificationServerFixture.ChatSecret, signature, post.Body, now + TimeSpan.FromMinutes(10)));

        using var json = JsonDocument.Parse(post.Body);
        var payload = json.RootElement;
        Assert.Equal($"ntf-{row.Id}", payload.Str("id"));
        Assert.Equal(user, payload.Str("recipient"));
        Assert.Equal("https://seam.example.org/requests/REQ-0042", payload.Str("link"));
        Assert.Equal("north", payload.Str("site"));
        Assert.Contains(row.Subject, payload.Str("text"), StringComparison.Ordinal);
        Assert.NotNull((await server.RowAsync(row.Id)).WebhookSentAt);
    }

    [Fact]
    public async Task Subscriptions_filter_by_kind_and_site()
    {
        var user = NewId("frank");
        await server.UserWithEmailAsync(user, null);
        var decided = await server.AddAsync(user, NotificationKinds.RequestDecided, site: "south");

        await server.DeliverAsync();

        Assert.Empty(PostsAbout(decided));
        var south = Assert.Single(PostsAbout(decided, "/hooks/south"));
        Assert.Equal(WebhookVerification.Valid,
            WebhookSignature.Verify(NotificationServerFixture.SouthSecret, south.Headers[WebhookSignature.HeaderName], south.Body, server.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_with_the_same_event_id_without_mailing_again()
    {
        var user = NewId("grace");
        var address = $"{user}@plant.example.org";
        await server.UserWithEmailAsync(user, address);
        var row = await server.AddAsync(user, NotificationKinds.DecisionWaiting);

        server.Receiver.Status = 500;
        try
        {
            await server.DeliverAsync();
        }
        finally
        {
            server.Receiver.Status = 204;
        }

        var failed = await server.RowAsync(row.Id);
        Assert.NotNull(failed.EmailedAt);
        Assert.Null(failed.WebhookSentAt);
        Assert.Equal("webhook 'chat' answered HTTP 500", failed.LastError);
        Assert.DoesNotContain("t0ps3cret", failed.LastError, StringComparison.Ordinal);

        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await server.DeliverAsync();

        Assert.NotNull((await server.RowAsync(row.Id)).WebhookSentAt);
        Assert.Equal(2, PostsAbout(row).Count);
        Assert.Single(MailTo(address));
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_send_each_row_once()
    {
        var user = NewId("heidi");
        var address = $"{user}@plant.example.org";
        await server.UserWithEmailAsync(user, address);
        var rows = new List<Notification>();
        for (var i = 0; i < 8; i++)
        {
            rows.Add(await server.AddAsync(user, NotificationKinds.DecisionWaiting));
        }

        await Task.WhenAll(server.DeliverAsync(), server.DeliverAsync(), server.DeliverAsync());

        Assert.Equal(8, MailTo(address).Count);
        Assert.All(rows, r => Assert.Single(PostsAbout(r)));
    }
}

public sealed class NotificationDeliveryTestsOnSqlite(NotificationServerFixture server) : NotificationDeliveryTests(server), IClassFixture<NotificationServerFixture>;

public sealed class NotificationDeliveryTestsOnPostgres(PostgresNotificationServerFixture server) : NotificationDeliveryTests(server), IClassFixture<PostgresNotificationServerFixture>;
