using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Seam.EndToEnd;

/// <summary>An engineer changes the inventory through the forms, in a real browser against the real server process.</summary>
public sealed class BrowserEditingTests(SeededServer plant) : IClassFixture<SeededServer>
{
    [Fact]
    public async Task An_engineer_creates_an_asset_after_a_refused_address_then_moves_it_and_deletes_it()
    {
        await using var tab = await plant.SignInAsync(TestPlant.UserName, "asset-crud", "/assets");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            // 1. New asset: a mistyped address is refused next to its box, and nothing is stored.
            await page.GetByRole(AriaRole.Link, new() { Name = "New asset" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/assets/new$"));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("New asset");
            await page.FillAsync("#asset-name", "Capper PLC 7");
            await tab.ChooseAsync("Zone", "Line 2 control");
            await page.GetByLabel("IP addresses").FillAsync("10.10.2.300");
            await tab.ChooseAsync("Owner team", "Line 2 controls");
            await page.GetByTestId("save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("'10.10.2.300' is not an IPv4 or IPv6 address");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/assets/new$"));
            await tab.ShotAsync("01-new-asset-refused");

            // The corrected address saves; the id is made from the name and the asset's page opens.
            await page.GetByLabel("IP addresses").FillAsync("10.10.2.77");
            await page.GetByTestId("save").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/assets/capper-plc-7$"));
            await Assertions.Expect(page.GetByTestId("asset-name")).ToHaveTextAsync("Capper PLC 7");
            await Assertions.Expect(page).ToHaveTitleAsync("Capper PLC 7 · Seam");
            var fields = page.Locator("dl.fields");
            await Assertions.Expect(fields).ToContainTextAsync("Line 2 control");
            await Assertions.Expect(fields).ToContainTextAsync("Line 2 controls");
            await Assertions.Expect(fields).ToContainTextAsync("10.10.2.77");
            await tab.ShotAsync("02-created");

            // 2. Edit: another zone and owner; the page shows both, and the new zone's conduits.
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Edit Capper PLC 7");
            await tab.ChooseAsync("Zone", "Line 2 supervisory");
            await tab.ChooseAsync("Owner team", "IT infrastructure");
            await page.GetByLabel("IP addresses").FillAsync("10.20.2.77");
            await tab.ShotAsync("03-edit");
            await page.GetByTestId("save").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/assets/capper-plc-7$"));
            await Assertions.Expect(fields).ToContainTextAsync("Line 2 supervisory");
            await Assertions.Expect(fields).ToContainTextAsync("IT infrastructure");
            await Assertions.Expect(fields).ToContainTextAsync("10.20.2.77");
            await Assertions.Expect(page.GetByTestId("zone-conduits")).ToContainTextAsync("Site operations");
            await Assertions.Expect(page.GetByTestId("zone-conduits")).ToContainTextAsync("Line 2 control");
            await tab.ShotAsync("04-edited");

            // 3. Delete asks first; keeping it changes nothing.
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog).ToContainTextAsync("Delete 'Capper PLC 7' (capper-plc-7)?");
            await tab.ShotAsync("05-delete-confirm");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("asset-name")).ToHaveTextAsync("Capper PLC 7");

            // Confirmed, the asset is gone from the list and its address finds nothing.
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/assets\\?site=north$"));
            await Assertions.Expect(page.GetByTestId("asset-count")).ToContainTextAsync($"{TestPlant.NorthAssetCount} assets match");
            await page.FillAsync("#asset-search", "capper");
            await Assertions.Expect(page.GetByTestId("no-match")).ToContainTextAsync("No assets match");
            await Assertions.Expect(page.Locator("tr.asset-row")).ToHaveCountAsync(0);
            await tab.ShotAsync("06-deleted");

            // The empty state offers the way back to every asset.
            await page.GetByTestId("no-match").GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("asset-count")).ToContainTextAsync($"{TestPlant.NorthAssetCount + TestPlant.SouthAssetCount} assets");
            await tab.GoAsync("/assets/capper-plc-7");
            await Assertions.Expect(page.GetByText("There is no asset with id “capper-plc-7”")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task An_engineer_changes_the_services_of_a_conduit_and_sees_them_in_the_table_and_on_an_asset()
    {
        await using var tab = await plant.SignInAsync(TestPlant.UserName, "conduit-edit", "/zones?site=north");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            var row = page.GetByTestId("conduit-table").Locator("tr", new() { HasText = "c-dmz-ops" });
            await row.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/conduits/c-dmz-ops/edit$"));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Edit conduit c-dmz-ops");
            var services = page.GetByLabel("Services");
            await Assertions.Expect(services).ToHaveValueAsync("opcua:tcp/4840");

            // A service that cannot be read is refused with what was expected.
            await services.FillAsync("opcua; modbus:tcp/notaport");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Expected");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/conduits/c-dmz-ops/edit$"));
            await tab.ShotAsync("01-services-refused");

            await services.FillAsync("opcua; https");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/zones\\?site=north#conduit-c-dmz-ops$"));
            var saved = page.GetByTestId("conduit-table").Locator("tr", new() { HasText = "c-dmz-ops" });
            await Assertions.Expect(saved).ToContainTextAsync("opcua:tcp/4840, https:tcp/443");
            await tab.ShotAsync("02-saved");

            // An asset in the zone lists the conduit with its new services.
            await tab.GoAsync("/assets/operations-server-36");
            await Assertions.Expect(page.GetByTestId("zone-conduits")).ToContainTextAsync("https:tcp/443");
        });
    }
}
