using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Seam.EndToEnd;

/// <summary>What site-scoped and read-only accounts see: only their sites, and no way to change what they may not.</summary>
public sealed class BrowserAccessTests(SeededServer plant) : IClassFixture<SeededServer>
{
    [Fact]
    public async Task An_engineer_of_one_site_sees_nothing_of_the_other_site()
    {
        await using var tab = await plant.SignInAsync(TestPlant.NorthEngineer, "north-engineer", "/assets");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.GetByTestId("signed-in")).ToContainTextAsync("Engineer · north");
            await Assertions.Expect(page.GetByTestId("asset-count")).ToContainTextAsync($"{TestPlant.NorthAssetCount} assets");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New asset" })).ToBeVisibleAsync();
            await tab.ShotAsync("01-assets");

            // Southport's packer PLCs are not found by a search, nor by their address.
            await page.FillAsync("#asset-search", "packer");
            await Assertions.Expect(page.GetByTestId("no-match")).ToBeVisibleAsync();
            await tab.ShotAsync("02-no-match");
            await tab.GoAsync("/assets/south-plc-1");
            await Assertions.Expect(page.GetByText("There is no asset with id “south-plc-1” that you can see")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(0);
            await tab.GoAsync("/assets/south-plc-1/edit");
            await Assertions.Expect(page.GetByText("There is no asset with id “south-plc-1” that you can see")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("save")).ToHaveCountAsync(0);

            // The site picker of the zones page offers only Northfield.
            await tab.GoAsync("/zones?site=south");
            await Assertions.Expect(page.GetByText("There is no site “south” that you can see")).ToBeVisibleAsync();

            // On its own site it may change things.
            await tab.GoAsync("/assets/filler-plc-1");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task An_engineer_who_only_views_the_other_site_gets_no_edit_buttons_there()
    {
        await using var tab = await plant.SignInAsync(TestPlant.NorthEngineerSouthViewer, "north-engineer-south-viewer", "/assets/south-plc-1");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.GetByTestId("signed-in")).ToContainTextAsync("Engineer · north; Viewer · south");
            await Assertions.Expect(page.GetByTestId("asset-name")).ToHaveTextAsync("Packer PLC 1");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
            await tab.ShotAsync("01-south-asset-read-only");

            // Typing the edit address by hand is refused with the reason.
            await tab.GoAsync("/assets/south-plc-1/edit");
            await Assertions.Expect(page.GetByText("Editing this asset needs the Engineer role on its site")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("save")).ToHaveCountAsync(0);

            // The zones of the viewed site have no edit buttons; those of its own site do.
            await tab.GoAsync("/zones?site=south");
            await Assertions.Expect(page.GetByTestId("zone-table")).ToContainTextAsync("Packaging control");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New zone" })).ToHaveCountAsync(0);
            await tab.GoAsync("/zones?site=north");
            await Assertions.Expect(page.GetByTestId("zone-table").GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(7);

            await tab.GoAsync("/assets/filler-plc-1");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_viewer_sees_every_site_and_no_button_that_changes_anything()
    {
        await using var tab = await plant.SignInAsync(TestPlant.Viewer, "viewer", "/assets");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.GetByTestId("signed-in")).ToContainTextAsync("Viewer · all sites");
            await Assertions.Expect(page.GetByTestId("asset-count")).ToContainTextAsync($"{TestPlant.NorthAssetCount + TestPlant.SouthAssetCount} assets");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New asset" })).ToHaveCountAsync(0);
            await tab.ShotAsync("01-assets");

            await page.GetByRole(AriaRole.Link, new() { Name = "Filler PLC 1", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("asset-name")).ToHaveTextAsync("Filler PLC 1");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
            await tab.ShotAsync("02-asset-read-only");

            await tab.GoAsync("/zones?site=north");
            await Assertions.Expect(page.GetByTestId("purdue-diagram")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New zone" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New conduit" })).ToHaveCountAsync(0);
            await tab.ShotAsync("03-zones-read-only");

            await tab.GoAsync("/imports");
            await Assertions.Expect(page.GetByText("Importing needs the Engineer role on a site")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("run-import")).ToHaveCountAsync(0);

            await tab.GoAsync("/assets/new");
            await Assertions.Expect(page.GetByText("Creating assets needs the Engineer role on a site")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("save")).ToHaveCountAsync(0);
        });
    }
}
