using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Seam.EndToEnd;

/// <summary>
/// The exposure pages as people under time pressure use them, on the demo company (<c>seam serve --demo</c>): which
/// crown jewel a vendor's remote access reaches and how, where to cut, what the plan costs, what a change would do,
/// and what SSVC says about one finding.
/// </summary>
public sealed class ExposureBrowserTests(DemoServer demo) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task A_vendor_path_to_a_safety_controller_is_drawn_over_the_purdue_diagram_hop_by_hop()
    {
        await using var tab = await demo.SignInAsync(DemoServer.Approver, "exposure-path");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Exposure", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Exposure");
            await Assertions.Expect(page.GetByTestId("score-value")).ToHaveTextAsync(new Regex(@"^\d+\.\d$"));

            // The crown jewel a vendor's remote access reaches: reachable, safety-relevant, its most likely path starting at a vendor path.
            var jewel = page.Locator("tr.jewel-row[data-reachable=true][data-safety=true][data-entry-kind=VendorRemoteAccess]").First;
            await Assertions.Expect(jewel).ToBeVisibleAsync();
            await Assertions.Expect(jewel.GetByTestId("safety-badge")).ToBeVisibleAsync();
            await Assertions.Expect(jewel.GetByTestId("reachable")).ToContainTextAsync("yes");
            var jewelId = await jewel.GetAttributeAsync("data-asset-id");
            await Assertions.Expect(page.GetByTestId("choke-points").Locator(".choke-point").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("top-actions").Locator("tr.action-row").First).ToBeVisibleAsync();
            await tab.ShotAsync("01-exposure");

            // A row opens its path.
            await jewel.Locator("td.path-cell").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/exposure/paths/" + Regex.Escape(Uri.EscapeDataString(jewelId!)) + "$"));
            await Assertions.Expect(page.GetByTestId("path-title")).ToContainTextAsync("Attack path to");

            // The hop list starts at the vendor's remote access and ends on a safety-relevant controller.
            var hops = page.GetByTestId("hop-list").Locator("li.hop-row");
            await Assertions.Expect(hops.First).ToHaveAttributeAsync("data-kind", "Entry");
            await Assertions.Expect(hops.First).ToHaveAttributeAsync("data-entry-kind", "VendorRemoteAccess");
            await Assertions.Expect(hops.Last).ToHaveAttributeAsync("data-asset-id", jewelId!);
            await Assertions.Expect(hops.Last).ToHaveAttributeAsync("data-safety", "true");
            await Assertions.Expect(hops.Last).ToHaveAttributeAsync("data-controller", "true");
            var hopCount = await hops.CountAsync();
            Assert.True(hopCount >= 2, $"expected at least two hops, got {hopCount}");

            // The Purdue diagram highlights the hops: numbered markers in order, their zones and the conduit outlined.
            var diagram = page.GetByTestId("purdue-diagram");
            var markers = diagram.Locator("[data-testid=attack-path] .hop-marker");
            Assert.True(await markers.CountAsync() >= 2, "expected at least two hop markers on the diagram");
            await Assertions.Expect(markers.First).ToHaveAttributeAsync("data-hop", "1");
            Assert.True(await diagram.Locator("a.zone.hop-zone").CountAsync() >= 2, "expected the hops' zones (at least two) outlined");
            Assert.True(await diagram.Locator("g.conduit.hop-conduit").CountAsync() >= 1, "expected the conduit the path crosses outlined");
            var lastZone = await hops.Last.GetAttributeAsync("data-zone-id");
            await Assertions.Expect(diagram.Locator($"a.zone.hop-zone[data-zone-id='{lastZone}']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("path-cuts")).ToBeVisibleAsync();
            await tab.ShotAsync("02-path");

            // The shortest path is one click away and also ends on the jewel.
            await page.GetByTestId("kind-shortest").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("kind=shortest$"));
            await Assertions.Expect(hops.Last).ToHaveAttributeAsync("data-asset-id", jewelId!);
        });
    }

    [Fact]
    public async Task The_trend_draws_the_company_and_each_site_once_the_score_has_been_recomputed()
    {
        await using var tab = await demo.SignInAsync(DemoServer.Approver, "exposure-trend", "/exposure");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.GetByTestId("score-value")).ToBeVisibleAsync();
            // Two recomputes through the API as the signed-in approver: each stores one point per scope.
            for (var i = 0; i < 2; i++)
            {
                var response = await page.APIRequest.PostAsync(tab.BaseUrl + "/api/v1/exposure/recompute");
                Assert.True(response.Ok, $"recompute answered {response.Status}");
            }

            await page.ReloadAsync();
            var chart = page.GetByTestId("trend-chart");
            await Assertions.Expect(chart).ToBeVisibleAsync();
            await Assertions.Expect(chart).ToContainTextAsync("All sites");
            await Assertions.Expect(chart).ToContainTextAsync("Eastport chemical plant");
            await Assertions.Expect(chart).ToContainTextAsync("Riverside bottling plant");
            await Assertions.Expect(page.GetByTestId("score-change")).ToContainTextAsync("since the previous recompute");
            await tab.ShotAsync("01-trend");
        });
    }

    [Fact]
    public async Task The_plan_lists_steps_with_their_window_and_cost_in_it_and_ot_terms()
    {
        await using var tab = await demo.SignInAsync(DemoServer.Approver, "exposure-plan", "/exposure/plan");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.GetByTestId("plan-summary")).ToBeVisibleAsync();
            var rows = page.GetByTestId("top-actions").Locator("tr.action-row");
            await Assertions.Expect(rows.First).ToBeVisibleAsync();
            Assert.True(await rows.CountAsync() >= 1, "expected at least one plan step");
            await Assertions.Expect(page.GetByTestId("plan-step-count")).ToHaveTextAsync(new Regex(@"^[1-9]\d*$"));
            await Assertions.Expect(rows.First.Locator("td.ot")).ToContainTextAsync("cost");
            await Assertions.Expect(page.GetByTestId("plan-explanation")).Not.ToBeEmptyAsync();
            await Assertions.Expect(page.GetByTestId("proven-optimal")).ToBeVisibleAsync();
            await tab.ShotAsync("01-plan");

            // Within a small budget the plan buys what it can, and says what it cost.
            await tab.ChooseAsync("Goal", "Remove the most exposure within a budget");
            await page.FillAsync("#plan-budget", "1000");
            await page.GetByTestId("plan-compute").ClickAsync();
            await Assertions.Expect(page.GetByTestId("plan-summary")).ToBeVisibleAsync();
            var total = decimal.Parse((await page.GetByTestId("plan-total").TextContentAsync())!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(total, 0m, 1000m);
            await tab.ShotAsync("02-budget");
        });
    }

    [Fact]
    public async Task A_what_if_from_the_panel_changes_the_score_without_changing_the_plant()
    {
        await using var tab = await demo.SignInAsync(DemoServer.Approver, "exposure-whatif", "/exposure");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            var panel = page.GetByTestId("whatif-panel");
            await Assertions.Expect(panel).ToBeVisibleAsync();
            var before = await page.GetByTestId("score-value").TextContentAsync();

            // A typo is reported with its line before anything runs.
            await page.FillAsync("#whatif-yaml", "name: typo\nactions:\n  - isolate-assets: nowhere\n");
            await page.GetByTestId("whatif-run").ClickAsync();
            await Assertions.Expect(page.GetByTestId("whatif-problems")).ToContainTextAsync("line 3");

            // The sample (MFA on the vendor path that reaches most, and the first choke point blocked) lowers the score.
            await page.GetByTestId("whatif-sample").ClickAsync();
            await Assertions.Expect(page.Locator("#whatif-yaml")).ToHaveValueAsync(new Regex("require-mfa"));
            await page.GetByTestId("whatif-run").ClickAsync();
            var result = page.GetByTestId("whatif-result");
            await Assertions.Expect(result).ToBeVisibleAsync();
            var scoreBefore = double.Parse((await page.GetByTestId("whatif-score-before").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            var scoreAfter = double.Parse((await page.GetByTestId("whatif-score-after").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(scoreAfter < scoreBefore, $"expected the controls to lower the score, got {scoreBefore} → {scoreAfter}");
            await tab.ShotAsync("01-whatif");

            // "Apply the plan" runs the plan's steps as a scenario.
            await page.GetByTestId("whatif-plan").ClickAsync();
            await Assertions.Expect(page.Locator("#whatif-yaml")).ToHaveValueAsync(new Regex("apply-the-plan"));
            await Assertions.Expect(result).ToContainTextAsync("apply-the-plan");

            // Nothing was stored: the page's own score is unchanged after a reload.
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByTestId("score-value")).ToHaveTextAsync(before!);
        });
    }

    [Fact]
    public async Task A_reachable_finding_shows_its_path_and_both_ssvc_decisions_with_every_decision_point()
    {
        await using var tab = await demo.SignInAsync(DemoServer.Approver, "exposure-finding", "/exposure");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            var finding = page.GetByTestId("top-actions").Locator("a.cve").First;
            await Assertions.Expect(finding).ToBeVisibleAsync();
            var cve = await finding.TextContentAsync();
            await finding.ClickAsync();
            await Assertions.Expect(page.GetByTestId("finding-title")).ToContainTextAsync(cve!);

            var section = page.GetByTestId("finding-exposure");
            await Assertions.Expect(section.GetByTestId("finding-verdict")).ToHaveTextAsync("reachable and exploitable");
            await Assertions.Expect(section.GetByTestId("ssvc-cisa")).ToHaveAttributeAsync("data-decision", new Regex("^(Track|Track\\*|Attend|Act)$"));
            await Assertions.Expect(section.GetByTestId("ssvc-deployer")).ToHaveAttributeAsync("data-decision", new Regex("^(Defer|Scheduled|Out-of-Cycle|Immediate)$"));
            var points = section.GetByTestId("ssvc-points").Locator("tr.ssvc-point");
            await Assertions.Expect(points.First).ToBeVisibleAsync();
            Assert.True(await points.CountAsync() >= 8, "expected every decision point of both tables");
            await Assertions.Expect(section.Locator("tr.ssvc-point[data-point-id^='ssvc:E:']")).ToHaveCountAsync(1);
            await Assertions.Expect(section.GetByTestId("hop-list").Locator("li.hop-row").First).ToHaveAttributeAsync("data-kind", "Entry");
            await tab.ShotAsync("01-finding");

            // Its best path opens on the diagram.
            await section.GetByTestId("open-path").ClickAsync();
            await Assertions.Expect(page.GetByTestId("path-title")).ToContainTextAsync("Best path to " + cve);
            await Assertions.Expect(page.GetByTestId("purdue-diagram").Locator(".hop-marker").First).ToBeVisibleAsync();
        });
    }
}

/// <summary>What a site-scoped engineer sees of exposure: their own site's, and no company-wide what-if or plan.</summary>
public sealed class ExposureAccessBrowserTests(SeededServer server) : IClassFixture<SeededServer>
{
    [Fact]
    public async Task A_site_scoped_engineer_sees_only_their_sites_crown_jewels_and_is_told_why_what_if_and_plan_are_not_offered()
    {
        await using var tab = await server.SignInAsync(TestPlant.NorthEngineer, "exposure-scoped", "/exposure");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            var jewels = page.GetByTestId("crown-jewels").Locator("tr.jewel-row");
            await Assertions.Expect(jewels.First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("crown-jewels").Locator("tr.jewel-row:not([data-site-id=north])")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("whatif-needs-all-sites")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("whatif-run")).ToHaveCountAsync(0);
            await tab.ShotAsync("01-exposure");

            await tab.GoAsync("/exposure/plan");
            await Assertions.Expect(page.GetByTestId("plan-needs-all-sites")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("plan-summary")).ToHaveCountAsync(0);

            // Another site's crown jewel is not found, rather than drawn.
            await tab.GoAsync("/exposure/paths/south-plc-1");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Attack path");
            await Assertions.Expect(page.GetByTestId("purdue-diagram")).ToHaveCountAsync(0);
        });
    }
}
