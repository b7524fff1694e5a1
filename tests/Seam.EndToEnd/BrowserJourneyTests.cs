using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Seam.EndToEnd;

/// <summary>What a person does in the web UI, in a real browser against the real server process.</summary>
public sealed partial class BrowserJourneyTests
{
    [Fact]
    public async Task An_engineer_signs_in_filters_assets_opens_one_and_reads_the_purdue_diagram()
    {
        var work = Directory.CreateTempSubdirectory("seam-e2e-");
        try
        {
            var db = Path.Combine(work.FullName, "seam.db");
            await TestPlant.SeedAsync(db);
            await using var server = await SeamServerProcess.StartAsync(db);
            await using var browser = await SeamBrowser.LaunchAsync();
            await using var tab = await browser.OpenAsync(server.BaseUrl, "journey");
            var page = tab.Page;
            Task Shot(string name) => tab.ShotAsync(name);

            try
            {
                // 1. A protected page sends an anonymous visitor to the sign-in form.
                await page.GotoAsync(server.BaseUrl + "/assets");
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
                await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
                await Shot("01-sign-in");

                // A wrong password is refused with a message that says what to do.
                await page.FillAsync("#userName", TestPlant.UserName);
                await page.FillAsync("#password", "not-the-password-at-all");
                await page.ClickAsync("button[type=submit]");
                await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("not right");
                await Shot("02-sign-in-refused");

                // The right one signs in and returns to the page asked for.
                await page.FillAsync("#userName", TestPlant.UserName);
                await page.FillAsync("#password", TestPlant.Password);
                await page.ClickAsync("button[type=submit]");
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/assets$"));
                await Assertions.Expect(page.GetByTestId("signed-in")).ToContainTextAsync(TestPlant.UserName);
                await Assertions.Expect(page.GetByTestId("signed-in")).ToContainTextAsync("Engineer");

                // 2. The asset list: every asset counted, one page of rows.
                var total = TestPlant.NorthAssetCount + TestPlant.SouthAssetCount;
                await Assertions.Expect(page.GetByTestId("asset-count")).ToContainTextAsync($"{total} assets");
                await Assertions.Expect(page.Locator("tr.asset-row")).ToHaveCountAsync(50);
                await Shot("03-assets");

                // 3. The search box narrows the list (debounced, server-side).
                await page.FillAsync("#asset-search", "filler");
                await Assertions.Expect(page.GetByTestId("asset-count")).ToContainTextAsync($"{TestPlant.FillerCount} assets match");
                await Assertions.Expect(page.Locator("tr.asset-row")).ToHaveCountAsync(TestPlant.FillerCount);
                await Shot("04-assets-searched");

                // A filter combines with the search: crown jewels among everything.
                await page.FillAsync("#asset-search", "");
                await Assertions.Expect(page.GetByTestId("asset-count")).ToContainTextAsync($"{total} assets");
                await page.GetByText("Crown jewels only").ClickAsync();
                await Assertions.Expect(page.GetByTestId("asset-count")).ToContainTextAsync("8 assets match");
                await Assertions.Expect(page.Locator("tr.asset-row")).ToHaveCountAsync(8);
                await Shot("05-assets-crown-jewels");

                // 4. An asset's page shows its fields, zone, conduits and owner.
                await page.GetByRole(AriaRole.Link, new() { Name = "Filler PLC 3", Exact = true }).ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/assets/filler-plc-3$"));
                await Assertions.Expect(page.GetByTestId("asset-name")).ToHaveTextAsync("Filler PLC 3");
                await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("Line 2 control");
                await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("Line 2 controls");
                await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("10.10.2.13");
                await Assertions.Expect(page.GetByText("Line 2 supervisory").First).ToBeVisibleAsync();
                await Shot("06-asset-detail");

                // 5. The Purdue diagram: every zone of the site, the one-way diode conduit, the flagged DMZ bypass.
                await page.GetByRole(AriaRole.Link, new() { Name = "Zones & conduits" }).ClickAsync();
                var svg = page.GetByTestId("purdue-diagram");
                await Assertions.Expect(svg).ToBeVisibleAsync();
                await Assertions.Expect(svg.Locator("[data-zone-id]")).ToHaveCountAsync(7);
                foreach (var zone in new[] { "Internet edge", "Enterprise LAN", "Industrial DMZ", "Site operations", "Line 2 supervisory", "Line 2 control", "Safety system" })
                {
                    await Assertions.Expect(svg.Locator(".zone-name", new() { HasText = zone }).First).ToBeVisibleAsync();
                }

                var oneWay = svg.Locator("g.conduit[data-direction=one-way]");
                await Assertions.Expect(oneWay).ToHaveCountAsync(1);
                Assert.Equal("c-historian-diode", await oneWay.GetAttributeAsync("data-conduit-id"));
                Assert.Contains("Waterfall data diode", await oneWay.Locator("title").TextContentAsync());
                var flagged = svg.Locator("g.conduit[data-flagged=true]");
                await Assertions.Expect(flagged).ToHaveCountAsync(1);
                Assert.Equal("c-legacy-rdp", await flagged.GetAttributeAsync("data-conduit-id"));
                await Assertions.Expect(page.GetByTestId("conduit-table")).ToContainTextAsync("Historian replication");
                await Shot("07-purdue-diagram");

                // An engineer can open a zone's edit form from the table.
                await page.Locator("tr", new() { HasText = "Safety system" }).GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
                await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Edit zone Safety system");
                await Shot("07b-zone-edit");

                // 6. The overview summarises and links the smells.
                await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
                await Assertions.Expect(page.GetByTestId("total-assets")).ToHaveTextAsync(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await Assertions.Expect(page.GetByTestId("smells")).ToContainTextAsync("without passing the industrial DMZ");
                await Assertions.Expect(page.GetByTestId("smells")).ToContainTextAsync(new Regex("Asset '[^']+' has no owner team"));
                await Shot("08-overview");

                // 7. Imports: a file with mistakes is refused with positioned errors; a correct one is stored.
                await page.GetByRole(AriaRole.Link, new() { Name = "Imports" }).ClickAsync();
                var csv = Path.Combine(work.FullName, "assets.csv");
                await File.WriteAllTextAsync(csv, "id,site,zone,name,kind,criticality\nnew-plc,south,south-control,New packer PLC,PLC,high-ish\n");
                await ChooseFileAsync(page, csv);
                await page.GetByTestId("run-import").ClickAsync();
                await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("Nothing was imported");
                await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("assets.csv:2:6");
                await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("criticality");
                await Shot("09a-import-refused");

                await File.WriteAllTextAsync(csv, "id,site,zone,name,kind,criticality,owner\nnew-plc,south,south-control,New packer PLC,PLC,4,ot-line2\n");
                await ChooseFileAsync(page, csv);
                await page.GetByTestId("run-import").ClickAsync();
                await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("Imported");
                await Shot("09-imports");
            }
            catch
            {
                await Shot("failure");
                throw;
            }
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Chooses a file on the Imports page. Under load the choice can reach the browser before the page's interactive
    /// circuit listens, and is then lost; choosing again once the page has settled is what a person would do too.
    /// </summary>
    private static async Task ChooseFileAsync(IPage page, string path)
    {
        var run = page.GetByTestId("run-import");
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("input[type=file]").Last.SetInputFilesAsync(path);
            try
            {
                await Assertions.Expect(run).ToBeEnabledAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }
}
