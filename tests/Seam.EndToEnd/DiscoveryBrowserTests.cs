using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Seam.Access;
using Seam.Inventory;
using Seam.Storage;
using Seam.Testing.Corpus;

namespace Seam.EndToEnd;

/// <summary>
/// The test plant plus a "mixed plant" site whose zones hold the addresses of the corpus's mixed capture (mb2.pcap): an
/// HMI in a supervisory zone, PLCs in a cell zone, and a conduit for Modbus and EtherNet/IP but not S7.
/// </summary>
public sealed class DiscoveryServer : IAsyncLifetime
{
    public const string Site = "mixed";
    public const string SiteViewer = "e2e-mixed-viewer";

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-e2e-discovery-");
    private SeamServerProcess? server;
    private SeamBrowser? browser;

    public string DatabasePath => Path.Combine(work.FullName, "seam.db");

    public async Task InitializeAsync()
    {
        await TestPlant.SeedAsync(DatabasePath);
        await using (var db = SeamDbContextFactory.Create(DatabaseOptions.Sqlite(DatabasePath)))
        {
            db.Sites.Add(new Site { Id = Site, Name = "Mixed plant" });
            db.Zones.AddRange(
                new Zone { Id = "mixed-scada", SiteId = Site, Name = "Mixed supervisory", Level = PurdueLevel.Supervisory, Subnets = ["141.81.0.8/29"] },
                new Zone
                {
                    Id = "mixed-cell",
                    SiteId = Site,
                    Name = "Mixed cell",
                    Level = PurdueLevel.BasicControl,
                    Subnets = ["141.81.0.16/28", "141.81.0.32/27", "141.81.0.64/26", "141.81.0.128/26"],
                });
            db.Conduits.Add(new Conduit
            {
                Id = "mixed-scada-cell",
                SiteId = Site,
                Name = "Mixed SCADA to cell",
                FromZoneId = "mixed-scada",
                ToZoneId = "mixed-cell",
                Services = [ServiceEndpoint.Parse("modbus"), ServiceEndpoint.Parse("enip")],
            });
            db.Assets.AddRange(
                new Asset { Id = "mixed-hmi", SiteId = Site, ZoneId = "mixed-scada", Name = "Mixed HMI", Kind = AssetKind.Hmi, Addresses = ["141.81.0.10"], MacAddresses = ["78:e7:d1:e0:02:5e"] },
                new Asset { Id = "mixed-plc-24", SiteId = Site, ZoneId = "mixed-cell", Name = "Modbus PLC 24", Kind = AssetKind.Plc, Addresses = ["141.81.0.24"], MacAddresses = ["00:03:1d:00:00:01"] });
            await db.SaveChangesAsync();
        }

        await TestPlant.AddUserAsync(DatabasePath, SiteViewer, (Role.Viewer, Site));
        server = await SeamServerProcess.StartAsync(DatabasePath);
        browser = await SeamBrowser.LaunchAsync();
    }

    public async Task<BrowserTab> SignInAsync(string userName, string story, string path = "/")
    {
        var tab = await (browser ?? throw new InvalidOperationException("Not started.")).OpenAsync(server!.BaseUrl, story);
        await tab.StepsAsync(() => tab.SignInAsync(userName, path));
        return tab;
    }

    public SeamDbContext OpenDatabase() => SeamDbContextFactory.Create(DatabaseOptions.Sqlite(DatabasePath));

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

/// <summary>A capture uploaded in the browser, reviewed item by item over the communication map, and merged.</summary>
public sealed class DiscoveryBrowserTests(DiscoveryServer plant) : IClassFixture<DiscoveryServer>
{
    private const string S7ToPlc146 = "flow:141.81.0.10>141.81.0.146:s7:tcp/102";

    [Fact]
    public async Task An_engineer_uploads_a_capture_reviews_new_changed_and_forbidden_traffic_and_merges_the_accepted_set()
    {
        await using var tab = await plant.SignInAsync(TestPlant.UserName, "discovery-review", "/discovery");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Passive discovery");
            await tab.ChooseAsync("Site", "Mixed plant");
            await ChooseCaptureAsync(page, SharedCorpus.Path("pcaps", "mixed", "mb2.pcap"));
            await page.GetByTestId("run-discovery").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/discovery/\d+$"), new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("discovery-status")).ToHaveTextAsync("open");
            var id = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

            // The map draws supervisory → cell traffic, flagged because S7 is not in the conduit.
            var link = page.Locator("[data-testid=communication-link][data-from=mixed-scada][data-to=mixed-cell]");
            await Assertions.Expect(link).ToHaveCountAsync(1);
            Assert.True(int.Parse((await link.GetAttributeAsync("data-violations"))!, System.Globalization.CultureInfo.InvariantCulture) > 0);
            await Assertions.Expect(link.Locator("title")).ToContainTextAsync("no conduit allows");
            await tab.ShotAsync("01-review");

            var plc146 = page.GetByTestId("new-devices").Locator("tr[data-item='device:141.81.0.146']");
            await Assertions.Expect(plc146).ToContainTextAsync("Mixed cell");
            await Assertions.Expect(plc146).ToContainTextAsync("Siemens");
            await plc146.GetByTestId("accept").ClickAsync();
            await Assertions.Expect(plc146.Locator(".decision")).ToHaveAttributeAsync("data-decision", "accepted");

            var plc166 = page.GetByTestId("new-devices").Locator("tr[data-item='device:141.81.0.166']");
            await plc166.GetByTestId("reject").ClickAsync();
            await Assertions.Expect(plc166.Locator(".decision")).ToHaveAttributeAsync("data-decision", "rejected");

            var replaced = page.GetByTestId("changed-devices").Locator("tr[data-item='device:141.81.0.24']");
            await Assertions.Expect(replaced).ToContainTextAsync("00:03:1d:08:5b:00");
            await replaced.GetByTestId("accept").ClickAsync();
            await Assertions.Expect(replaced.Locator(".decision")).ToHaveAttributeAsync("data-decision", "accepted");

            var s7 = page.GetByTestId("violations").Locator($"tr[data-item='{S7ToPlc146}']");
            await Assertions.Expect(s7).ToContainTextAsync("adding s7:tcp/102 to conduit Mixed SCADA to cell");
            await Assertions.Expect(s7).ToContainTextAsync("OT:");
            await s7.GetByTestId("accept").ClickAsync();
            await Assertions.Expect(s7.Locator(".decision")).ToHaveAttributeAsync("data-decision", "accepted");
            await Assertions.Expect(page.GetByTestId("accepted-count")).ToHaveTextAsync("3 accepted");
            await tab.ShotAsync("02-decided");

            await page.GetByTestId("merge").ClickAsync();
            await Assertions.Expect(page.GetByTestId("merge-result")).ToContainTextAsync("1 asset(s) created, 1 updated");
            await Assertions.Expect(page.GetByTestId("discovery-status")).ToHaveTextAsync("merged");
            await Assertions.Expect(page.GetByTestId("merge")).ToHaveCountAsync(0);
            await tab.ShotAsync("03-merged");

            await using var db = plant.OpenDatabase();
            var added = await db.Assets.AsNoTracking().SingleAsync(a => a.Id == "discovered-141-81-0-146");
            Assert.Equal(("mixed-cell", AssetSource.Discovery), (added.ZoneId, added.Source));
            Assert.False(await db.Assets.AnyAsync(a => a.Id == "discovered-141-81-0-166"));
            Assert.Contains("00:03:1d:08:5b:00", (await db.Assets.AsNoTracking().SingleAsync(a => a.Id == "mixed-plc-24")).MacAddresses);
            var flows = await db.ObservedFlows.AsNoTracking().Where(f => f.SiteId == DiscoveryServer.Site).ToListAsync();
            Assert.Contains(flows, f => f.SourceAssetId == "mixed-hmi" && f.TargetAssetId == "discovered-141-81-0-146" && f.Service.ToString() == "s7:tcp/102");
            Assert.Contains(flows, f => f.SourceAssetId == "mixed-hmi" && f.TargetAssetId == "mixed-plc-24" && f.Service.ToString() == "modbus:tcp/502");
            Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == "discovery" && e.EntityId == $"D-{id}" && e.Action == "decide"));

            // A viewer of the site sees the closed review, and no button to change it.
            await using var viewerTab = await plant.SignInAsync(DiscoveryServer.SiteViewer, "discovery-viewer", $"/discovery/{id}");
            await Assertions.Expect(viewerTab.Page.GetByTestId("discovery-outcome")).ToContainTextAsync("1 asset(s) created");
            await Assertions.Expect(viewerTab.Page.GetByTestId("accept")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task A_viewer_of_the_site_is_not_offered_the_upload()
    {
        await using var tab = await plant.SignInAsync(DiscoveryServer.SiteViewer, "discovery-viewer-upload", "/discovery");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Passive discovery");
            await Assertions.Expect(page.GetByTestId("capture-upload")).ToHaveCountAsync(0);
        });
    }

    /// <summary>MudFileUpload renders a fresh input after each change and may miss a choice made before the circuit listens: choose again, as a person would.</summary>
    private static async Task ChooseCaptureAsync(IPage page, string path)
    {
        var run = page.GetByTestId("run-discovery");
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId("capture-upload").Locator("input[type=file]").Last.SetInputFilesAsync(path);
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
