using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Seam.Access;
using Seam.Storage;

namespace Seam.EndToEnd;

/// <summary>
/// The demo plant and its synthetic advisories (<c>seam serve --demo</c>), with an approver and a viewer added before
/// the server first starts, so that the demo keeps those accounts instead of creating its admin.
/// </summary>
public sealed class DemoServer : IAsyncLifetime
{
    public const string Approver = "e2e-demo-approver";
    public const string Viewer = "e2e-demo-viewer";

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-e2e-demo-");
    private SeamServerProcess? server;
    private SeamBrowser? browser;

    public async Task InitializeAsync()
    {
        var db = Path.Combine(work.FullName, "seam.db");
        await SeamDbContextFactory.PrepareAsync(DatabaseOptions.Sqlite(db));
        await TestPlant.AddUserAsync(db, Approver, (Role.Approver, null));
        await TestPlant.AddUserAsync(db, Viewer, (Role.Viewer, null));
        server = await SeamServerProcess.StartAsync(db, demo: true);
        browser = await SeamBrowser.LaunchAsync();
    }

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

/// <summary>Advisories, vulnerabilities and findings as a person reads and decides them, in a real browser.</summary>
public sealed class IntelligenceBrowserTests(DemoServer demo) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task An_approver_reads_an_advisory_its_revisions_and_the_assets_it_matched()
    {
        await using var tab = await demo.SignInAsync(DemoServer.Approver, "intel-advisory");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Advisories", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Advisories");
            await Assertions.Expect(page.GetByTestId("advisory-count")).ToContainTextAsync("6 advisories");

            // The search narrows by CVE id too.
            await page.FillAsync("#advisory-search", "CVE-2026-99001");
            await Assertions.Expect(page.GetByTestId("advisory-count")).ToContainTextAsync("1 advisory match");
            await tab.ShotAsync("01-advisories");

            await page.GetByRole(AriaRole.Link, new() { Name = "SEAM-DEMO-2026-001" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("advisory-id")).ToHaveTextAsync("SEAM-DEMO-2026-001");
            await Assertions.Expect(page.GetByTestId("revisions").Locator("tr.revision-row")).ToHaveCountAsync(2);
            await Assertions.Expect(page.GetByTestId("tracking")).ToContainTextAsync("not provided (built-in demo data)");
            var matched = page.GetByTestId("matched-assets");
            var plc = matched.Locator("tr.finding-row[data-asset-id='PLC-R-103']");
            await Assertions.Expect(plc).ToContainTextAsync("CVE-2026-99001");
            await Assertions.Expect(plc).ToContainTextAsync("name and version");
            // Revision 2 narrowed the affected range: PLC-R-101's firmware now counts as fixed.
            await Assertions.Expect(matched.Locator("tr.finding-row[data-asset-id='PLC-R-101']")).ToContainTextAsync("fixed");
            await Assertions.Expect(page.GetByTestId("advisory-document")).ToHaveAttributeAsync("href", "/api/v1/advisories/SEAM-DEMO-2026-001/document");
            await tab.ShotAsync("02-advisory");

            // The CVE links to its vulnerability page.
            await page.GetByTestId("vulnerability").GetByRole(AriaRole.Link, new() { Name = "CVE-2026-99001" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("vulnerability-id")).ToHaveTextAsync("CVE-2026-99001");
        });
    }

    [Fact]
    public async Task The_vulnerability_page_breaks_down_cvss_and_shows_the_identifier_match()
    {
        await using var tab = await demo.SignInAsync(DemoServer.Approver, "intel-vulnerability", "/vulnerabilities/cve-2026-99005");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.GetByTestId("vulnerability-id")).ToHaveTextAsync("CVE-2026-99005");
            var v31 = page.Locator("[data-testid=cvss][data-version='3.1']").First;
            await Assertions.Expect(v31.GetByTestId("cvss-score")).ToHaveTextAsync("9.8");
            await Assertions.Expect(v31).ToContainTextAsync("Attack Vector");
            await Assertions.Expect(v31.GetByTestId("cvss-explanation")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("kev")).ToContainTextAsync("No KEV catalog has been imported");
            await Assertions.Expect(page.GetByTestId("epss")).ToContainTextAsync("No EPSS score imported");
            var scada = page.GetByTestId("vulnerability-findings").Locator("tr.finding-row[data-asset-id='SCADA-R-101']");
            await Assertions.Expect(scada).ToContainTextAsync("identifier");
            await tab.ShotAsync("01-vulnerability");
        });
    }

    [Fact]
    public async Task An_approver_accepts_a_finding_from_the_asset_page_and_the_history_records_it()
    {
        await using var tab = await demo.SignInAsync(DemoServer.Approver, "intel-accept", "/assets/PLC-R-103");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(page.GetByTestId("asset-name")).ToBeVisibleAsync();
            var findings = page.GetByTestId("asset-findings");
            var row = findings.Locator("tr.finding-row", new() { HasText = "CVE-2026-99001" });
            await Assertions.Expect(row).ToContainTextAsync("name and version");
            await Assertions.Expect(row.Locator("td.explanation")).ToContainTextAsync("Advisory SEAM-DEMO-2026-001");
            await tab.ShotAsync("01-asset-findings");

            await row.GetByRole(AriaRole.Link, new() { Name = "Open finding" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("finding-title")).ToContainTextAsync("CVE-2026-99001 on ");
            await Assertions.Expect(page.GetByTestId("finding-title")).ToContainTextAsync("(PLC-R-103)");
            await Assertions.Expect(page.GetByTestId("for-it")).ToContainTextAsync("For IT");
            await Assertions.Expect(page.GetByTestId("for-ot")).ToContainTextAsync("For OT");
            await Assertions.Expect(page.GetByTestId("finding-state")).ToContainTextAsync("open");
            var historyBefore = await page.GetByTestId("finding-history").Locator("tr.history-row").CountAsync();

            // Accepting without an expiry is refused inline; with one it is recorded.
            await page.FillAsync("#decision-reason", "Line R stops for the retrofit in June; the PLC is on an isolated ring until then.");
            await page.GetByTestId("decide-accept").ClickAsync();
            await Assertions.Expect(page.GetByTestId("decision-error")).ToContainTextAsync("expiry date");
            var until = DateTime.UtcNow.Date.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await page.FillAsync("#decision-until", until);
            await page.Locator("#decision-until").PressAsync("Enter");
            await page.GetByTestId("decide-accept").ClickAsync();

            await Assertions.Expect(page.GetByTestId("finding-state")).ToContainTextAsync("accepted");
            var history = page.GetByTestId("finding-history").Locator("tr.history-row");
            await Assertions.Expect(history).ToHaveCountAsync(historyBefore + 1);
            await Assertions.Expect(history.First).ToContainTextAsync("open → accepted");
            await Assertions.Expect(history.First).ToContainTextAsync(DemoServer.Approver);
            await Assertions.Expect(history.First).ToContainTextAsync("isolated ring");
            await Assertions.Expect(history.First).ToContainTextAsync(until);
            await Assertions.Expect(page.GetByTestId("decide-reopen")).ToBeVisibleAsync();
            await tab.ShotAsync("02-accepted");
        });
    }

    [Fact]
    public async Task A_viewer_reads_findings_but_gets_no_decision_buttons()
    {
        await using var tab = await demo.SignInAsync(DemoServer.Viewer, "intel-viewer");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Findings", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Findings");
            await Assertions.Expect(page.GetByTestId("finding-count")).ToContainTextAsync(new Regex(@"\d+ findings? open"));
            await page.FillAsync("#finding-search", "SCADA-R-101");
            var row = page.Locator("tr.finding-row", new() { HasText = "SCADA-R-101" }).First;
            await Assertions.Expect(row).ToBeVisibleAsync();
            await tab.ShotAsync("01-findings");

            await row.GetByRole(AriaRole.Link, new() { Name = "Open finding" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("finding-title")).ToContainTextAsync("SCADA-R-101");
            await Assertions.Expect(page.GetByTestId("no-decision")).ToContainTextAsync("engineer role");
            await Assertions.Expect(page.Locator("[data-testid^=decide-]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#decision-reason")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task An_approver_uploads_an_advisory_already_imported_and_is_told_it_is_unchanged()
    {
        var file = Path.Combine(SeamServerProcess.RepositoryRoot(), "src", "Seam.Core", "Intelligence", "Demo", "Advisories", "seam-demo-2026-005.json");
        await using var tab = await demo.SignInAsync(DemoServer.Approver, "intel-import", "/imports");
        var page = tab.Page;
        await tab.StepsAsync(async () =>
        {
            await page.GetByTestId("open-intelligence-import").ClickAsync();
            // MudFileUpload renders a fresh input after each change; the last one is the live one (as in BrowserJourneyTests).
            await page.GetByTestId("intelligence-import").Locator("input[type=file]").Last.SetInputFilesAsync(file);
            await Assertions.Expect(page.GetByTestId("run-intelligence-import")).ToBeEnabledAsync();
            await page.GetByTestId("run-intelligence-import").ClickAsync();
            var result = page.GetByTestId("intelligence-import-result");
            await Assertions.Expect(result).ToContainTextAsync("0 imported, 0 updated, 1 unchanged, 0 rejected");
            await Assertions.Expect(page.GetByTestId("intelligence-import").GetByRole(AriaRole.Link, new() { Name = "SEAM-DEMO-2026-005" })).ToBeVisibleAsync();
            await tab.ShotAsync("01-unchanged");
        });
    }

    [Fact]
    public async Task A_viewer_is_told_why_the_advisory_upload_is_not_offered()
    {
        await using var tab = await demo.SignInAsync(DemoServer.Viewer, "intel-import-viewer", "/imports");
        await tab.StepsAsync(async () =>
        {
            await Assertions.Expect(tab.Page.GetByTestId("intelligence-import")).ToContainTextAsync("engineer role on all sites");
            await Assertions.Expect(tab.Page.GetByTestId("open-intelligence-import")).ToHaveCountAsync(0);
        });
    }
}
