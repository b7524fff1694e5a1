using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Seam.Governance.Notifications;
using Seam.Intelligence.Demo;
using Seam.Storage;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests.Notifications;

/// <summary>A risk acceptance that lapses under the server's clock re-opens its finding and tells whoever accepted it.</summary>
public abstract class AcceptanceExpiryNotificationTests(NotificationServerFixture server)
{
    [Fact]
    public async Task An_expired_acceptance_notifies_and_mails_the_person_who_accepted_it()
    {
        var admin = server.Client(server.AdminToken);
        var approver = NewId("mallory");
        var address = $"{approver}@plant.example.org";
        var approverClient = server.Client(await server.UserWithEmailAsync(approver, address));

        var asset = NewId("opc");
        await admin.Post("/api/v1/assets", new
        {
            id = asset,
            siteId = "north",
            zoneId = "north-cell",
            name = "OPC server " + asset,
            kind = "server",
            vendor = "PTC",
            product = "Kepware KEPServerEX",
            version = "6.14",
            ownerTeamId = "ot",
        }).Expect(HttpStatusCode.Created);
        var advisory = DemoAdvisories.All().Single(a => a.Name.EndsWith("-005.json", StringComparison.Ordinal));
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(advisory.Content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "files", advisory.Name);
        await admin.PostAsync("/api/v1/advisories/import", form).Expect(HttpStatusCode.OK);
        await admin.PostAsync("/api/v1/findings/refresh", null).Expect(HttpStatusCode.OK);
        var finding = (await admin.GetAsync($"/api/v1/findings?asset={asset}").Expect(HttpStatusCode.OK)).GetProperty("items")[0].Str("id");
        await approverClient.Post($"/api/v1/findings/{finding}/decision",
                new { state = "accepted", reason = "Isolated until the shutdown", acceptedUntil = server.Clock.GetUtcNow().AddDays(1) })
            .Expect(HttpStatusCode.OK);

        // The expiry sweep runs on the server's clock every quarter of an hour: two days later it has run.
        server.Clock.Advance(TimeSpan.FromDays(2));
        var notification = await WaitForAsync(approver);

        Assert.Equal(NotificationKinds.AcceptanceExpired, notification.Kind);
        Assert.Equal($"finding:{finding}", notification.AboutRef);
        Assert.Equal("north", notification.SiteId);
        Assert.Equal("open", (await admin.GetAsync($"/api/v1/findings/{finding}").Expect(HttpStatusCode.OK)).GetProperty("finding").Str("state").ToLowerInvariant());

        var inbox = await approverClient.GetAsync("/api/v1/notifications").Expect(HttpStatusCode.OK);
        Assert.Equal(notification.Id, inbox.GetProperty("items")[0].GetProperty("id").GetInt64());

        await server.DeliverAsync();
        var mail = Assert.Single(server.Smtp.Messages, m => m.Recipients.Contains(address));
        var message = MimeMessage.Load(new MemoryStream(Encoding.Latin1.GetBytes(mail.Data)));
        Assert.StartsWith("Risk acceptance expired:", message.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://seam.example.org/findings/{finding}", message.TextBody, StringComparison.Ordinal);
    }

    /// <summary>The sweep runs on a background thread once the clock moved; wait (bounded) until its row is committed.</summary>
    private async Task<Notification> WaitForAsync(string recipient)
    {
        var factory = server.App.Services.GetRequiredService<SeamDbContextFactory>();
        for (var i = 0; i < 200; i++)
        {
            await using var db = factory.Create();
            var rows = await db.Notifications.Where(n => n.Recipient == recipient).ToListAsync();
            if (rows.Count > 0)
            {
                return Assert.Single(rows);
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No notification for {recipient} after the acceptance expired.");
    }
}

public sealed class AcceptanceExpiryNotificationTestsOnSqlite(NotificationServerFixture server)
    : AcceptanceExpiryNotificationTests(server), IClassFixture<NotificationServerFixture>;

public sealed class AcceptanceExpiryNotificationTestsOnPostgres(PostgresNotificationServerFixture server)
    : AcceptanceExpiryNotificationTests(server), IClassFixture<PostgresNotificationServerFixture>;
