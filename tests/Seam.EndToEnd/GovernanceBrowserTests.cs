using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Seam.EndToEnd;

/// <summary>
/// Change requests decided by different people in their own browsers: the requester asks, IT and OT each give their
/// view, and when they disagree the seam owner rules in writing. Nobody is offered a decision on their own request.
/// </summary>
public sealed class GovernanceBrowserTests(GovernanceServer plant) : IClassFixture<GovernanceServer>
{
    [Fact]
    public async Task A_patch_on_a_filler_plc_goes_from_submission_through_it_and_ot_approval_to_approved()
    {
        var id = await plant.SubmitChangeAsync("governance-joint-1-requester", "Patch Filler PLC 1 to V3.0.2", "Filler PLC 1");

        // The requester sees where it went and why, and no button to decide it.
        await using (var requester = await plant.SignInAsync(GovernanceServer.Requester, "governance-joint-2-own", $"/requests/{id}"))
        {
            var page = requester.Page;
            await requester.StepsAsync(async () =>
            {
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "InReview");
                await Assertions.Expect(page.GetByTestId("route")).ToHaveTextAsync("joint IT + OT");
                await Assertions.Expect(page.GetByTestId("route-why")).Not.ToBeEmptyAsync();
                var itWhy = await page.GetByTestId("route-why").TextContentAsync();
                await page.GetByTestId("ot-terms").ClickAsync();
                await Assertions.Expect(page.GetByTestId("route-why")).Not.ToHaveTextAsync(itWhy!);
                await Assertions.Expect(page.GetByTestId("requirements")).ToContainTextAsync("it-security (IT)");
                await Assertions.Expect(page.GetByTestId("requirements")).ToContainTextAsync("ot-engineering (OT)");
                await Assertions.Expect(page.GetByTestId("approve")).ToHaveCountAsync(0);
                await Assertions.Expect(page.GetByTestId("rule-approve")).ToHaveCountAsync(0);
                await Assertions.Expect(page.GetByTestId("no-decision-for-you")).ToContainTextAsync("This is your request: others decide it.");
                await Assertions.Expect(page.GetByTestId("withdraw")).ToBeVisibleAsync();
                await requester.ShotAsync("own-request");
            });
        }

        // IT finds it in their inbox and approves for it-security; OT is still to speak.
        await using (var it = await plant.SignInAsync(GovernanceServer.ItApprover, "governance-joint-3-it", "/decisions"))
        {
            var page = it.Page;
            await it.StepsAsync(async () =>
            {
                var row = page.Locator($"tr.inbox-row[data-request-id='{id}']");
                await Assertions.Expect(row).ToContainTextAsync("it-security");
                await row.GetByRole(AriaRole.Link).ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/requests/{id}$"));
                await Assertions.Expect(page.GetByTestId("approve")).ToHaveCountAsync(1);
                await Assertions.Expect(page.GetByTestId("approve")).ToHaveAttributeAsync("data-team", "it-security");
                await page.GetByLabel("Reason").FillAsync("Vendor-signed patch, tested on the spare line.");
                await page.GetByTestId("approve").ClickAsync();
                await Assertions.Expect(page.Locator("[data-testid=view][data-team=it-security]")).ToHaveAttributeAsync("data-approves", "true");
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "InReview");
                await Assertions.Expect(page.GetByTestId("waiting-for")).ToContainTextAsync("ot-engineering");
                await Assertions.Expect(page.GetByTestId("approve")).ToHaveCountAsync(0);
                await it.ShotAsync("it-approved");
            });
        }

        // OT approves for ot-engineering: both sides have approved, so the request is approved.
        await using (var ot = await plant.SignInAsync(GovernanceServer.OtApprover, "governance-joint-4-ot", $"/requests/{id}"))
        {
            var page = ot.Page;
            await ot.StepsAsync(async () =>
            {
                await Assertions.Expect(page.GetByTestId("approve")).ToHaveAttributeAsync("data-team", "ot-engineering");
                await page.GetByTestId("approve").ClickAsync();
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "Approved");
                await Assertions.Expect(page.Locator("[data-testid=view][data-team=ot-engineering]")).ToHaveAttributeAsync("data-approves", "true");
                await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Approved");
                await Assertions.Expect(page.GetByTestId("approve")).ToHaveCountAsync(0);
                await ot.ShotAsync("approved");

                // The Overview counts it among the decided requests.
                await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
                await Assertions.Expect(page.GetByTestId("stat-decided")).ToHaveTextAsync(new Regex(@"^[1-9]\d*$"));
                await Assertions.Expect(page.GetByTestId("stat-times").Locator("tr[data-group=team]", new() { HasText = "team ot-engineering" })).ToHaveCountAsync(1);
            });
        }

        await using var db = plant.OpenDatabase();
        var actors = await db.AuditEntries.Where(a => a.EntityType == "request" && a.EntityId == id).OrderBy(a => a.Id).Select(a => a.Actor).ToListAsync();
        Assert.Equal([GovernanceServer.Requester, GovernanceServer.ItApprover, GovernanceServer.OtApprover], actors.Distinct());
    }

    [Fact]
    public async Task When_it_approves_and_ot_rejects_the_seam_owner_decides_with_a_written_reason()
    {
        var id = await plant.SubmitChangeAsync("governance-dispute-1-requester", "Open OPC UA from the historian to Filler PLC 2", "Filler PLC 2");

        await using (var it = await plant.SignInAsync(GovernanceServer.ItApprover, "governance-dispute-2-it", $"/requests/{id}"))
        {
            await it.StepsAsync(async () =>
            {
                await it.Page.GetByTestId("approve").ClickAsync();
                await Assertions.Expect(it.Page.Locator("[data-testid=view][data-team=it-security]")).ToHaveAttributeAsync("data-approves", "true");
            });
        }

        await using (var ot = await plant.SignInAsync(GovernanceServer.OtApprover, "governance-dispute-3-ot", $"/requests/{id}"))
        {
            var page = ot.Page;
            await ot.StepsAsync(async () =>
            {
                // A rejection without a reason is refused and changes nothing.
                await page.GetByTestId("reject").ClickAsync();
                await Assertions.Expect(page.GetByTestId("action-error")).ToContainTextAsync("reason");
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "InReview");

                await page.GetByLabel("Reason").FillAsync("The line runs the Christmas campaign; no restart before January.");
                await page.GetByTestId("reject").ClickAsync();
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "Disagreement");
                await Assertions.Expect(page.Locator("[data-testid=view][data-team=ot-engineering]")).ToContainTextAsync("no restart before January");
                await Assertions.Expect(page.GetByTestId("rule-approve")).ToHaveCountAsync(0);
                await ot.ShotAsync("disagreement");
            });
        }

        await using (var owner = await plant.SignInAsync(GovernanceServer.SeamOwner, "governance-dispute-4-seam-owner", "/decisions"))
        {
            var page = owner.Page;
            await owner.StepsAsync(async () =>
            {
                var row = page.Locator($"tr.inbox-row[data-request-id='{id}']");
                await Assertions.Expect(row).ToContainTextAsync("in disagreement");
                await row.GetByRole(AriaRole.Link).ClickAsync();
                await Assertions.Expect(page.GetByTestId("approve")).ToHaveCountAsync(0);

                // The ruling needs its reason in writing.
                await page.GetByTestId("rule-approve").ClickAsync();
                await Assertions.Expect(page.GetByTestId("action-error")).ToContainTextAsync("written reason");
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "Disagreement");

                await page.GetByLabel("Reason").FillAsync("Approved for the first Sunday window in January, after the campaign.");
                await page.GetByTestId("rule-approve").ClickAsync();
                await Assertions.Expect(page.GetByTestId("request-state")).ToHaveAttributeAsync("data-state", "Approved");
                await Assertions.Expect(page.GetByTestId("ruling")).ToContainTextAsync(GovernanceServer.SeamOwner);
                await Assertions.Expect(page.GetByTestId("ruling")).ToContainTextAsync("after the campaign");
                await Assertions.Expect(page.Locator("[data-testid=timeline] li[data-kind=SeamOwnerRuling]")).ToHaveCountAsync(1);
                await owner.ShotAsync("ruled");
            });
        }
    }

    [Fact]
    public async Task The_requests_list_filters_by_state_and_a_viewer_of_another_site_cannot_open_a_north_request()
    {
        var id = await plant.SubmitChangeAsync("governance-list-1-requester", "Replace the conveyor drive firmware", "Conveyor drive 4");
        await using (var tab = await plant.SignInAsync(GovernanceServer.Requester, "governance-list-2", "/requests"))
        {
            var page = tab.Page;
            await tab.StepsAsync(async () =>
            {
                await Assertions.Expect(page.Locator($"tr.request-row[data-request-id='{id}']")).ToBeVisibleAsync();
                await tab.ChooseAsync("State", "approved");
                await Assertions.Expect(page.Locator($"tr.request-row[data-request-id='{id}']")).ToHaveCountAsync(0);
                await tab.ChooseAsync("State", "in review");
                await Assertions.Expect(page.Locator($"tr.request-row[data-request-id='{id}']")).ToBeVisibleAsync();
            });
        }

        await using var south = await plant.SignInAsync(GovernanceServer.SouthViewer, "governance-list-3-south", $"/requests/{id}");
        await south.StepsAsync(async () =>
        {
            await Assertions.Expect(south.Page.GetByTestId("request-missing")).ToContainTextAsync($"There is no request “{id}” that you can see.");
            await south.GoAsync("/requests");
            await Assertions.Expect(south.Page.Locator($"tr.request-row[data-request-id='{id}']")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task An_admin_sees_the_policy_as_a_matrix_and_a_broken_draft_is_refused_by_line_and_column()
    {
        await using var tab = await plant.SignInAsync(GovernanceServer.Admin, "governance-policy", "/governance/policy");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            var matrix = page.GetByTestId("decision-matrix");
            await Assertions.Expect(matrix.Locator("tr.rule-row[data-scenario='change/patch'][data-rule='control-changes']")).ToContainTextAsync("it-security");
            await Assertions.Expect(matrix.Locator("tr.rule-row[data-scenario='access/vendor-remote']")).ToContainTextAsync("never");
            await Assertions.Expect(matrix.Locator("tr.uncovered[data-scenario='incident']")).ToContainTextAsync("seam owner decides");
            await Assertions.Expect(matrix.GetByTestId("policy-gaps")).ToContainTextAsync("nobody approves");
            var version = int.Parse((await page.GetByTestId("policy-version").First.TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            await tab.ShotAsync("01-matrix");

            // The editor starts from the version in force; a team nobody defined is refused with its place.
            await page.GetByRole(AriaRole.Tab, new() { Name = "Editor" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = $"Start from version {version}" }).ClickAsync();
            var editor = page.GetByLabel("Policy (YAML)");
            await Assertions.Expect(editor).ToHaveValueAsync(new Regex($"version: {version}"));
            var text = await editor.InputValueAsync();
            var broken = text.Replace($"version: {version}", $"version: {version + 1}").Replace("responsible: it-security", "responsible: it-securty");
            await editor.FillAsync(broken);
            await page.GetByTestId("publish-policy").ClickAsync();
            var problems = page.GetByTestId("policy-problems");
            await Assertions.Expect(problems).ToContainTextAsync("it-securty");
            await Assertions.Expect(problems.Locator(".position").First).ToHaveTextAsync(new Regex(@"^line \d+, column \d+$"));
            await tab.ShotAsync("02-refused");

            // Fixed, it publishes as the next version and becomes the policy in force.
            await editor.FillAsync(broken.Replace("it-securty", "it-security"));
            await page.GetByTestId("publish-policy").ClickAsync();
            await Assertions.Expect(page.GetByTestId("current-publication")).ToContainTextAsync($"Version {version + 1}, published by {GovernanceServer.Admin}");
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "History" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task An_engineer_without_admin_can_check_a_draft_but_is_not_offered_publishing()
    {
        await using var tab = await plant.SignInAsync(GovernanceServer.Requester, "governance-policy-engineer", "/governance/policy");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = "Editor" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("read-only-policy")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("publish-policy")).ToHaveCountAsync(0);
            await page.GetByLabel("Policy (YAML)").FillAsync("version: 1\nseam-owner: [oops\n");
            await page.GetByTestId("check-policy").ClickAsync();
            await Assertions.Expect(page.GetByTestId("policy-problems").Locator(".position").First).ToHaveTextAsync(new Regex(@"^line \d+, column \d+$"));
        });
    }
}
