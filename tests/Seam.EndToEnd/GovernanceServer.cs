using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Seam.Access;
using Seam.Exposure.Model;
using Seam.Inventory;
using Seam.Storage;
using Seam.Storage.Exposure;
using Seam.Storage.Governance;

namespace Seam.EndToEnd;

/// <summary>
/// The test plant with the people of a decision: a requester, an IT and an OT approver and the seam owner on site
/// north, an admin who publishes the policy and a viewer of site south only; plus remote access on north (a standing
/// vendor VPN without MFA, an on-demand gateway with MFA, grants running now, later and over). One server and one
/// browser for the class; each test opens its own tabs and touches its own records.
/// </summary>
public sealed class GovernanceServer : IAsyncLifetime
{
    public const string Requester = "e2e-gov-erin";
    public const string ItApprover = "e2e-gov-ivy";
    public const string OtApprover = "e2e-gov-otto";
    public const string SeamOwner = "e2e-gov-sam";
    public const string Admin = "e2e-gov-admin";
    public const string SouthViewer = "e2e-gov-south";

    /// <summary>A vendor on north: sees only its own requests and grants (the My access page).</summary>
    public const string Vendor = "e2e-gov-vera";

    /// <summary>North's maintenance window that approved work is scheduled into.</summary>
    public const string NorthWindow = "north-sunday-stop";

    /// <summary>The grantee whose grant runs while the tests do (from an hour before the seed to a day after).</summary>
    public const string RunningGrantee = "anna.vendor";

    public const string UpcomingGrantee = "bob.vendor";

    public const string ExpiredGrantee = "carl.vendor";

    public const string SouthGrantee = "dora.vendor";

    /// <summary>
    /// Changes on control levels need IT and OT; access needs both too and never takes the fast lane; the seam owner
    /// settles disagreements. Each team has exactly one member, so each browser user acts for one team.
    /// </summary>
    public const string Policy = $"""
        version: 1
        seam-owner: seam
        default-approvers:
          it: it-security
          ot: ot-engineering
        teams:
          - id: it-security
            name: Site IT security
            side: it
            members: [{ItApprover}]
            escalates-to: seam
          - id: ot-engineering
            name: Line 2 OT engineering
            side: ot
            members: [{OtApprover}]
            escalates-to: seam
          - id: seam
            name: IT/OT seam owner
            side: joint
            members: [{SeamOwner}]
        rules:
          - id: control-changes
            scenarios: [change/*]
            scope:
              purdue-levels: [0, 1, 2]
            responsible: ot-engineering
            approvers:
              all-of: [it-security, ot-engineering]
            informed: [seam]
            deadline: 5d
          - id: business-changes
            scenarios: [change/*]
            scope:
              purdue-levels: [3, 3.5, 4, 5]
            responsible: it-security
            approvers:
              any-of: [it-security]
            deadline: 3d
          - id: remote-access
            scenarios: [access/*]
            responsible: ot-engineering
            approvers:
              all-of: [it-security, ot-engineering]
            deadline: 1d
            fast-lane: false
        """;

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-e2e-gov-");
    private SeamServerProcess? server;
    private SeamBrowser? browser;

    public string BaseUrl => (server ?? throw new InvalidOperationException("Not started.")).BaseUrl;

    public string DatabasePath => Path.Combine(work.FullName, "seam.db");

    public async Task InitializeAsync()
    {
        var db = DatabasePath;
        await TestPlant.SeedAsync(db);
        await TestPlant.AddUserAsync(db, Requester, (Role.Engineer, "north"));
        await TestPlant.AddUserAsync(db, ItApprover, (Role.Approver, "north"));
        await TestPlant.AddUserAsync(db, OtApprover, (Role.Approver, "north"));
        await TestPlant.AddUserAsync(db, SeamOwner, (Role.Approver, "north"));
        await TestPlant.AddUserAsync(db, Admin, (Role.Admin, null));
        await TestPlant.AddUserAsync(db, SouthViewer, (Role.Viewer, "south"));
        await TestPlant.AddUserAsync(db, Vendor, (Role.Vendor, "north"));
        await SeedRemoteAccessAsync(db);
        var contexts = new SeamDbContextFactory(DatabaseOptions.Sqlite(db));
        var published = await new GovernanceService(contexts, TimeProvider.System, new ExposureService(contexts, TimeProvider.System))
            .PublishPolicyAsync(Policy, "policy.yaml", Admin);
        if (!published.Succeeded)
        {
            throw new InvalidOperationException("The test policy was refused: " + string.Join("; ", published.Problems) + published.Refusal);
        }

        server = await SeamServerProcess.StartAsync(db);
        browser = await SeamBrowser.LaunchAsync();
    }

    /// <summary>A fresh tab signed in as <paramref name="userName"/>, showing <paramref name="path"/>.</summary>
    public async Task<BrowserTab> SignInAsync(string userName, string story, string path = "/")
    {
        var tab = await (browser ?? throw new InvalidOperationException("Not started.")).OpenAsync(BaseUrl, story);
        await tab.StepsAsync(() => tab.SignInAsync(userName, path));
        return tab;
    }

    /// <summary>A short-lived context on the server's database, to check what a browser action stored.</summary>
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

    private static async Task SeedRemoteAccessAsync(string databasePath)
    {
        // Grants are placed around the seed time with hours to spare, so that they are running, upcoming or over
        // whenever during the run the page is read; the tests never compare times.
        var now = DateTimeOffset.UtcNow;
        await using var db = SeamDbContextFactory.Create(DatabaseOptions.Sqlite(databasePath));
        db.EntryPoints.AddRange(
            new EntryPoint
            {
                Id = "north-vendor-vpn",
                SiteId = "north",
                Name = "Integrator VPN",
                Kind = EntryPointKind.VendorRemoteAccess,
                ZoneId = "scada",
                Vendor = "Acme Integration",
                Method = "IPsec VPN",
                TargetAssetIds = ["filler-plc-1"],
                MfaRequired = false,
                Availability = RemoteAccessAvailability.AlwaysOn,
            },
            new EntryPoint
            {
                Id = "north-secomea",
                SiteId = "north",
                Name = "Secomea gateway",
                Kind = EntryPointKind.VendorRemoteAccess,
                ZoneId = "idmz",
                Vendor = "Siemens",
                Method = "Secomea SiteManager",
                TargetAssetIds = ["filler-plc-2"],
                MfaRequired = true,
                Availability = RemoteAccessAvailability.OnDemand,
            });
        db.AccessGrants.AddRange(
            Grant("g-running", "north", RunningGrantee, "filler-plc-3", now.AddHours(-1), now.AddDays(1)),
            Grant("g-upcoming", "north", UpcomingGrantee, "filler-plc-2", now.AddDays(2), now.AddDays(2).AddHours(4)),
            Grant("g-expired", "north", ExpiredGrantee, "filler-plc-2", now.AddDays(-2), now.AddDays(-1)),
            Grant("g-south", "south", SouthGrantee, "south-plc-1", now.AddHours(-1), now.AddDays(1)));
        db.MaintenanceWindows.Add(new MaintenanceWindow { Id = NorthWindow, SiteId = "north", Name = "Sunday line stop", Day = DayOfWeek.Sunday, Start = new TimeOnly(6, 0), DurationHours = 8 });
        await db.SaveChangesAsync();
    }

    /// <summary>The requester fills in the New request form for a change on one asset and submits it; returns the request id.</summary>
    public async Task<string> SubmitChangeAsync(string story, string title, string asset)
    {
        await using var tab = await SignInAsync(Requester, story, "/requests");
        var page = tab.Page;
        string? id = null;
        await tab.StepsAsync(async () =>
        {
            await page.GetByTestId("new-request").ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("New request");
            await page.GetByLabel("Title").FillAsync(title);
            await page.Locator(".mud-select", new() { Has = page.Locator("label", new() { HasText = "Assets it touches" }) }).Locator(".mud-select-input").First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new Regex("^" + Regex.Escape(asset) + "$") }).First.ClickAsync();
            await page.Locator("h1").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
            await tab.ShotAsync("new-request");
            await page.GetByTestId("submit-request").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/requests/REQ-\\d{4}$"));
            id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
            await Assertions.Expect(page.GetByTestId("request-title")).ToContainTextAsync(title);
        });
        return id!;
    }

    private static AccessGrant Grant(string id, string site, string grantee, string asset, DateTimeOffset from, DateTimeOffset to) => new()
    {
        Id = id,
        SiteId = site,
        Grantee = grantee,
        Vendor = "Acme Integration",
        Method = "TeamViewer",
        AssetIds = [asset],
        MfaRequired = false,
        From = from,
        To = to,
    };
}
