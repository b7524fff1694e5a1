using Seam.Access;

namespace Seam.EndToEnd;

/// <summary>
/// One seeded database (the test plant plus the site-scoped accounts), one <c>seam serve</c> process and one
/// browser, shared by the tests of a class. Each test opens its own tab (own cookies) and touches its own records.
/// </summary>
public sealed class SeededServer : IAsyncLifetime
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("seam-e2e-");
    private SeamServerProcess? server;
    private SeamBrowser? browser;

    public string BaseUrl => (server ?? throw new InvalidOperationException("Not started.")).BaseUrl;

    public async Task InitializeAsync()
    {
        var db = Path.Combine(work.FullName, "seam.db");
        await TestPlant.SeedAsync(db);
        await TestPlant.AddUserAsync(db, TestPlant.NorthEngineer, (Role.Engineer, "north"));
        await TestPlant.AddUserAsync(db, TestPlant.NorthEngineerSouthViewer, (Role.Engineer, "north"), (Role.Viewer, "south"));
        await TestPlant.AddUserAsync(db, TestPlant.Viewer, (Role.Viewer, null));
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
