using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Seam.EndToEnd;

/// <summary>The plant's time slots and doors as the people who plan work see them: maintenance windows and who can reach what now.</summary>
public sealed class MaintenanceAccessBrowserTests(GovernanceServer plant) : IClassFixture<GovernanceServer>
{
    [Fact]
    public async Task An_engineer_creates_a_monthly_window_for_line_2_after_a_refused_start_time_edits_it_and_deletes_it()
    {
        await using var tab = await plant.SignInAsync(GovernanceServer.Requester, "maintenance-crud");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Maintenance windows" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Maintenance windows");
            await page.GetByTestId("new-window").ClickAsync();
            var editor = page.GetByTestId("window-editor");
            await editor.GetByLabel("Name").FillAsync("Line 2 monthly stop");
            await tab.ChooseAsync("Covers", "Line 2 – bottling");
            await tab.ChooseAsync("Which week", "First of the month");
            await tab.ChooseAsync("Weekday", "Sunday");
            await editor.GetByLabel("Starts at (UTC)").FillAsync("25:00");
            await editor.GetByLabel("Hours").FillAsync("6");
            await page.GetByTestId("save-window").ClickAsync();
            await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("'25:00' is not a time of day");
            await tab.ShotAsync("01-refused-start");

            await editor.GetByLabel("Starts at (UTC)").FillAsync("02:00");
            await page.GetByTestId("save-window").ClickAsync();
            await Assertions.Expect(editor).ToHaveCountAsync(0);
            var row = page.Locator("tr.window-row", new() { HasText = "Line 2 monthly stop" });
            await Assertions.Expect(row).ToContainTextAsync("line Line 2 – bottling");
            await Assertions.Expect(row.Locator(".rhythm")).ToHaveTextAsync("Every first Sunday of the month, 02:00–08:00 UTC (6 h)");
            // Three coming occurrences, each on a Sunday at 02:00 and said how far away it is.
            var occurrences = row.GetByTestId("occurrences").Locator("li");
            await Assertions.Expect(occurrences).ToHaveCountAsync(3);
            for (var i = 0; i < 3; i++)
            {
                await Assertions.Expect(occurrences.Nth(i).Locator(".when")).ToHaveTextAsync(new Regex(@"^Sun \d{1,2} \w{3} \d{4} 02:00$"));
                await Assertions.Expect(occurrences.Nth(i).Locator(".until")).ToHaveTextAsync(new Regex(@"^(in \d+ (d|h|min)|running now)"));
            }

            await tab.ShotAsync("02-created");
            var id = await row.GetAttributeAsync("data-window-id");
            await using (var db = plant.OpenDatabase())
            {
                var stored = await db.MaintenanceWindows.SingleAsync(w => w.Id == id);
                Assert.Equal(("north", "Line 2 – bottling", 1, DayOfWeek.Sunday, 6.0), (stored.SiteId, stored.ProcessLine, stored.WeekOfMonth ?? 0, stored.Day, stored.DurationHours));
                Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "maintenance-window" && a.EntityId == id && a.Action == "create" && a.Actor == GovernanceServer.Requester));
            }

            // Edit: eight hours on the last Saturday.
            await row.GetByTestId("edit-window").ClickAsync();
            await tab.ChooseAsync("Which week", "Last of the month");
            await tab.ChooseAsync("Weekday", "Saturday");
            await page.GetByTestId("window-editor").GetByLabel("Hours").FillAsync("8");
            await page.GetByTestId("save-window").ClickAsync();
            await Assertions.Expect(row.Locator(".rhythm")).ToHaveTextAsync("Every last Saturday of the month, 02:00–10:00 UTC (8 h)");
            await Assertions.Expect(row.GetByTestId("occurrences").Locator("li .when").First).ToHaveTextAsync(new Regex("^Sat "));

            // Delete asks first, then the row is gone and the deletion is on the record.
            await row.GetByTestId("delete-window").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Assertions.Expect(page.Locator($"tr.window-row[data-window-id='{id}']")).ToHaveCountAsync(0);
            await using (var db = plant.OpenDatabase())
            {
                Assert.False(await db.MaintenanceWindows.AnyAsync(w => w.Id == id));
                Assert.Equal(["create", "update", "delete"], await db.AuditEntries.Where(a => a.EntityType == "maintenance-window" && a.EntityId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
            }
        });
    }

    [Fact]
    public async Task A_viewer_of_another_site_sees_neither_north_windows_nor_editing_buttons()
    {
        await using var tab = await plant.SignInAsync(GovernanceServer.SouthViewer, "maintenance-viewer", "/maintenance");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Maintenance windows");
            await Assertions.Expect(page.GetByTestId("read-only-note")).ToContainTextAsync("needs the Engineer role on Southport packaging");
            await Assertions.Expect(page.GetByTestId("new-window")).ToHaveCountAsync(0);
            await tab.GoAsync("/maintenance?site=north");
            await Assertions.Expect(page.Locator(".mud-alert")).ToContainTextAsync("There is no site “north” that you can see");
        });
    }

    [Fact]
    public async Task The_access_page_lists_the_running_grant_and_marks_the_always_on_vpn_without_mfa()
    {
        await using var tab = await plant.SignInAsync(GovernanceServer.Requester, "access-now");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Access now" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Who can reach what right now");

            var grants = page.GetByTestId("active-grants").Locator("tr.grant-row");
            await Assertions.Expect(grants).ToHaveCountAsync(1);
            await Assertions.Expect(grants.First).ToContainTextAsync(GovernanceServer.RunningGrantee);
            await Assertions.Expect(grants.First).ToContainTextAsync("Filler PLC 3");
            await Assertions.Expect(grants.First).ToContainTextAsync("TeamViewer");
            await Assertions.Expect(grants.First.GetByTestId("time-left")).ToHaveTextAsync(new Regex(@"^\d+ (d|h|min)"));
            await Assertions.Expect(page.GetByTestId("upcoming-grants")).ToContainTextAsync(GovernanceServer.UpcomingGrantee);
            await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(GovernanceServer.ExpiredGrantee);
            await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(GovernanceServer.SouthGrantee);

            var vpn = page.Locator("tr.entry-row[data-entry-id='north-vendor-vpn']");
            await Assertions.Expect(vpn).ToHaveAttributeAsync("data-weak", "true");
            await Assertions.Expect(vpn.GetByTestId("weak-badge")).ToHaveTextAsync("always on, no MFA");
            await Assertions.Expect(vpn).ToContainTextAsync("Filler PLC 1");
            var gateway = page.Locator("tr.entry-row[data-entry-id='north-secomea']");
            await Assertions.Expect(gateway).ToHaveAttributeAsync("data-weak", "false");
            await Assertions.Expect(gateway).ToContainTextAsync("on demand");
            await Assertions.Expect(page.GetByTestId("weak-entry-warning")).ToContainTextAsync("1 entry point is open all the time");
            await tab.ShotAsync("01-access-now");
        });
    }

    [Fact]
    public async Task A_viewer_of_south_sees_only_the_south_grant()
    {
        await using var tab = await plant.SignInAsync(GovernanceServer.SouthViewer, "access-south", "/access");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.GetByTestId("active-grants")).ToContainTextAsync(GovernanceServer.SouthGrantee);
            await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(GovernanceServer.RunningGrantee);
            await Assertions.Expect(page.GetByTestId("no-entry-points")).ToBeVisibleAsync();
            await tab.GoAsync("/access?site=north");
            await Assertions.Expect(page.Locator(".mud-alert")).ToContainTextAsync("There is no site “north” that you can see");
        });
    }
}
