using Microsoft.Playwright;
using Seam.Access;
using Seam.Governance.Notifications;
using Seam.Storage;

namespace Seam.EndToEnd;

/// <summary>
/// A server whose database already holds notifications for one user (as governance and the acceptance sweep write
/// them), for the inbox as a person uses it: the bell's count, the list, marking read.
/// </summary>
public sealed class InboxServer : IAsyncLifetime
{
    public const string Recipient = "e2e-inbox-owner";
    public const string Someone = "e2e-inbox-other";

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-e2e-inbox-");
    private SeamServerProcess? server;
    private SeamBrowser? browser;

    public async Task InitializeAsync()
    {
        var db = Path.Combine(work.FullName, "seam.db");
        await TestPlant.SeedAsync(db);
        await TestPlant.AddUserAsync(db, Recipient, (Role.Viewer, null));
        await TestPlant.AddUserAsync(db, Someone, (Role.Viewer, null));
        await using (var context = SeamDbContextFactory.Create(DatabaseOptions.Sqlite(db)))
        {
            var at = DateTimeOffset.UtcNow.AddHours(-2);
            context.Notifications.AddRange(
                Row(Recipient, NotificationKinds.DecisionWaiting, "Approve REQ-0042: firmware update on PLC-7", "/requests/REQ-0042", at),
                Row(Recipient, NotificationKinds.AcceptanceExpired, "Risk acceptance expired: CVE-2026-99001 on PLC-R-103", "/findings", at.AddHours(1)),
                Row(Someone, NotificationKinds.DecisionWaiting, "Not yours: REQ-0099", "/requests/REQ-0099", at));
            await context.SaveChangesAsync();
        }

        server = await SeamServerProcess.StartAsync(db);
        browser = await SeamBrowser.LaunchAsync();
    }

    private static Notification Row(string recipient, string kind, string subject, string link, DateTimeOffset at) => new()
    {
        CreatedAt = at,
        Recipient = recipient,
        Kind = kind,
        Subject = subject,
        Body = "Written by the test as the workflow would.",
        Link = link,
        SiteId = "north",
        Channels = NotificationChannels.Inbox,
    };

    public async Task<BrowserTab> SignInAsync(string userName, string story, string path = "/")
    {
        var tab = await (browser ?? throw new InvalidOperationException("Not started.")).OpenAsync(server!.BaseUrl, story);
        await tab.StepsAsync(() => tab.SignInAsync(userName, path));
        return tab;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }

        try
        {
            work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the exiting server process; the temp folder is cleaned up by the OS eventually.
        }
    }
}

public sealed class NotificationsBrowserTests(InboxServer server) : IClassFixture<InboxServer>
{
    [Fact]
    public async Task The_bell_counts_my_unread_notifications_and_the_inbox_marks_them_read()
    {
        await using var tab = await server.SignInAsync(InboxServer.Recipient, "inbox");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            var bell = page.GetByTestId("notification-bell");
            await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", "2");
            await bell.GetByRole(AriaRole.Link).ClickAsync();

            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Notifications");
            var items = page.GetByTestId("notification");
            await Assertions.Expect(items).ToHaveCountAsync(2);
            await Assertions.Expect(items.First).ToContainTextAsync("Risk acceptance expired");
            await Assertions.Expect(page.GetByText("Not yours")).ToHaveCountAsync(0);
            await tab.ShotAsync("01-unread");

            await items.First.GetByTestId("mark-read").ClickAsync();
            await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", "1");
            await Assertions.Expect(items.First).ToContainTextAsync("Approve REQ-0042");

            await page.GetByTestId("mark-all-read").ClickAsync();
            await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", "0");
            await Assertions.Expect(page.GetByTestId("mark-read")).ToHaveCountAsync(0);
            await tab.ShotAsync("02-all-read");
        });
    }
}
