using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Storage;
using Seam.Storage.Exposure;
using Seam.Storage.Governance;

namespace Seam.EndToEnd;

/// <summary>
/// Whole walks in the browser: a change request carried from approval through a maintenance window to closed, and a
/// vendor's remote access from approval to its grant on My access, revoked from Access now.
/// </summary>
public sealed class GovernanceWalkTests(GovernanceServer plant) : IClassFixture<GovernanceServer>
{
    [Fact]
    public async Task A_change_is_approved_scheduled_implemented_verified_and_closed_with_each_step_on_the_timeline()
    {
        var id = await plant.SubmitChangeAsync("walk-1-requester", "Swap the power supply of Conveyor drive 11", "Conveyor drive 11");
        foreach (var (approver, team) in new[] { (GovernanceServer.ItApprover, "it-security"), (GovernanceServer.OtApprover, "ot-engineering") })
        {
            await using var tab = await plant.SignInAsync(approver, $"walk-2-{team}", $"/requests/{id}");
            await tab.StepsAsync(async () =>
            {
                await Assertions.Expect(tab.Page.GetByTestId("approve")).ToHaveAttributeAsync("data-team", team);
                await tab.Page.GetByTestId("approve").ClickAsync();
                await Assertions.Expect(tab.Page.Locator($"[data-testid=view][data-team={team}]")).ToHaveAttributeAsync("data-approves", "true");
            });
        }

        var timeline = (IPage page) => page.GetByTestId("timeline");
        await using (var requester = await plant.SignInAsync(GovernanceServer.Requester, "walk-3-requester", $"/requests/{id}"))
        {
            var page = requester.Page;
            await requester.StepsAsync(async () =>
            {
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "Approved");

                // The window is offered by name with its next start; scheduling plans the work into it.
                await Assertions.Expect(page.GetByTestId("schedule-window")).ToContainTextAsync("Sunday line stop");
                await page.GetByTestId("schedule").ClickAsync();
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "Scheduled");
                await Assertions.Expect(timeline(page).Locator("li[data-kind=Scheduled]")).ToContainTextAsync("Planned into Sunday line stop");

                await page.GetByLabel("Comment").FillAsync("Spare PSU is on the shelf in the line 2 store.");
                await page.GetByLabel("Comment").PressAsync("Tab");
                await page.GetByTestId("comment").ClickAsync();
                await Assertions.Expect(timeline(page).Locator("li[data-kind=Comment]")).ToContainTextAsync("Spare PSU is on the shelf");

                await page.GetByTestId("implemented").ClickAsync();
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "Implemented");

                // Whoever did the work is not offered verifying it.
                await Assertions.Expect(page.GetByTestId("verify")).ToHaveCountAsync(0);
                await requester.ShotAsync("implemented");
            });
        }

        await using (var colleague = await plant.SignInAsync(GovernanceServer.ItApprover, "walk-4-verify", $"/requests/{id}"))
        {
            var page = colleague.Page;
            await colleague.StepsAsync(async () =>
            {
                await page.GetByTestId("verify").ClickAsync();
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "Verified");
                await page.GetByTestId("close").ClickAsync();
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "Closed");

                var moves = timeline(page).Locator("li[data-kind=StateChanged] .what");
                foreach (var state in new[] { "Submitted", "InReview", "Approved", "Scheduled", "Implemented", "Verified", "Closed" })
                {
                    await Assertions.Expect(moves.Filter(new() { HasTextRegex = new Regex("^→ " + state + @"\b") })).ToHaveCountAsync(1);
                }

                await Assertions.Expect(timeline(page).Locator("li[data-kind=View]")).ToHaveCountAsync(2);
                await Assertions.Expect(page.GetByTestId("comment")).ToHaveCountAsync(0);
                await colleague.ShotAsync("closed");
            });
        }
    }

    [Fact]
    public async Task A_vendor_sees_its_approved_grant_on_my_access_until_an_approver_revokes_it()
    {
        // The vendor's request goes through the service as the vendor (the New request form is for engineers).
        var now = DateTimeOffset.UtcNow;
        var contexts = new SeamDbContextFactory(DatabaseOptions.Sqlite(plant.DatabasePath));
        var created = await new GovernanceService(contexts, TimeProvider.System, new ExposureService(contexts, TimeProvider.System)).CreateAsync(new NewRequest
        {
            Scenario = DecisionScenario.VendorRemoteAccess,
            SiteId = "north",
            Title = "Diagnose Filler PLC 1 drive faults",
            Details = new RequestDetails { Access = new VendorAccessDetails(GovernanceServer.Vendor, "Acme Integration", "Secomea SiteManager", null, ["filler-plc-1"], true, now.AddMinutes(-5), now.AddHours(6)) },
            Submit = true,
        }, GovernanceServer.Vendor);
        Assert.True(created.Succeeded, created.Error?.Message);
        var id = created.Value!.Request.Id;
        var grant = $"{id}-grant";

        foreach (var (approver, team) in new[] { (GovernanceServer.ItApprover, "it-security"), (GovernanceServer.OtApprover, "ot-engineering") })
        {
            await using var tab = await plant.SignInAsync(approver, $"vendor-1-{team}", $"/requests/{id}");
            await tab.StepsAsync(async () =>
            {
                await tab.Page.GetByTestId("approve").ClickAsync();
                await Assertions.Expect(tab.Page.Locator($"[data-testid=view][data-team={team}]")).ToHaveAttributeAsync("data-approves", "true");
            });
        }

        // Remote access that opens a path to a crown jewel (the filler PLCs) is critical: the seam owner decides, in writing.
        await using (var owner = await plant.SignInAsync(GovernanceServer.SeamOwner, "vendor-1-seam-owner", $"/requests/{id}"))
        {
            await owner.StepsAsync(async () =>
            {
                await Assertions.Expect(owner.Page.GetByTestId("route")).ToHaveTextAsync("seam-owner");
                await owner.Page.GetByLabel("Reason").FillAsync("Both sides agree; MFA and a 6-hour window.");
                await owner.Page.GetByTestId("rule-approve").ClickAsync();
                await Assertions.Expect(owner.Page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "Approved");
            });
        }

        await using var vendor = await plant.SignInAsync(GovernanceServer.Vendor, "vendor-2-my-access", "/my-access");
        await vendor.StepsAsync(async () =>
        {
            await Assertions.Expect(vendor.Page.Locator($"tr.grant-row[data-grant-id='{grant}']")).ToContainTextAsync("Secomea SiteManager");
            await Assertions.Expect(vendor.Page.Locator($"tr.request-row[data-request-id='{id}']")).ToBeVisibleAsync();

            // Only its own: the seeded grants of other vendors and the staff's requests are not listed.
            await Assertions.Expect(vendor.Page.Locator("tr.grant-row")).ToHaveCountAsync(1);
            await Assertions.Expect(vendor.Page.Locator("tr.request-row")).ToHaveCountAsync(1);
            await vendor.ShotAsync("granted");
        });

        await using (var approver = await plant.SignInAsync(GovernanceServer.ItApprover, "vendor-3-revoke", "/access?site=north"))
        {
            var page = approver.Page;
            await approver.StepsAsync(async () =>
            {
                var row = page.Locator($"tr.grant-row[data-grant-id='{grant}']");
                await row.GetByTestId("revoke-grant").ClickAsync();
                await Assertions.Expect(page.GetByTestId("revoke-error")).ToContainTextAsync("reason");
                await page.GetByLabel("Reason for revoking").FillAsync("Fault found on site; remote session no longer needed.");
                await page.GetByLabel("Reason for revoking").PressAsync("Tab");
                await row.GetByTestId("revoke-grant").ClickAsync();
                await Assertions.Expect(row).ToHaveCountAsync(0);
                await approver.ShotAsync("revoked");
            });
        }

        await vendor.StepsAsync(async () =>
        {
            await vendor.GoAsync("/my-access");
            await Assertions.Expect(vendor.Page.Locator($"tr.grant-row[data-grant-id='{grant}']")).ToHaveCountAsync(0);
            await Assertions.Expect(vendor.Page.GetByTestId("no-grants")).ToBeVisibleAsync();
        });
    }
}
