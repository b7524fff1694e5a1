using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Seam.EndToEnd;

/// <summary>Debian's Chromium driven by Playwright (the tests never download browsers). Each tab has its own cookies.</summary>
public sealed class SeamBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private SeamBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static async Task<SeamBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(Chromium), $"No Chromium at {Chromium}. Install it with 'apt-get install chromium' (the tests never download browsers).");
        // The machine running the tests may be busy: give the server and the browser time before calling a step failed.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            return new SeamBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh tab at 1400×900 (a laptop screen) with its own cookie jar; screenshots are named "<paramref name="story"/>-step".</summary>
    public async Task<BrowserTab> OpenAsync(string baseUrl, string story)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        return new BrowserTab(context, page, baseUrl, story);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    /// <summary>Where screenshots go: $SEAM_SCREENSHOTS, else TestResults/screenshots next to the test assembly.</summary>
    public static string ScreenshotFolder()
    {
        var folder = Environment.GetEnvironmentVariable("SEAM_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>One browser tab of one person.</summary>
public sealed class BrowserTab(IBrowserContext context, IPage page, string baseUrl, string story) : IAsyncDisposable
{
    private readonly string shots = SeamBrowser.ScreenshotFolder();

    public IPage Page { get; } = page;

    public string BaseUrl { get; } = baseUrl;

    public async Task ShotAsync(string step)
    {
        // From the top: a full-page shot of a scrolled page draws the fixed app bar halfway down.
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"{story}-{step}.png"), FullPage = true });
    }

    /// <summary>Signs in through the form and waits for the page asked for.</summary>
    public async Task SignInAsync(string userName, string path = "/")
    {
        await Page.GotoAsync(BaseUrl + "/login?returnUrl=" + Uri.EscapeDataString(path));
        await Page.FillAsync("#userName", userName);
        await Page.FillAsync("#password", TestPlant.Password);
        await Page.ClickAsync("button[type=submit]");
        await Assertions.Expect(Page.GetByTestId("signed-in")).ToContainTextAsync(userName);
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
    }

    /// <summary>Opens a page of the UI and waits until its heading is shown (the page runs interactively).</summary>
    public async Task GoAsync(string path)
    {
        await Page.GotoAsync(BaseUrl + path);
        await Assertions.Expect(Page.Locator("h1").First).ToBeVisibleAsync();
    }

    /// <summary>Runs the steps of a test; on failure keeps a screenshot of what the browser showed.</summary>
    public async Task StepsAsync(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            await ShotAsync("failure");
            throw;
        }
    }

    /// <summary>Picks an option of a MudSelect by the select's label and the option's text.</summary>
    public async Task ChooseAsync(string label, string option)
    {
        await Page.Locator(".mud-select", new() { Has = Page.Locator("label", new() { HasTextRegex = new Regex("^" + Regex.Escape(label)) }) })
            .Locator(".mud-select-input").First.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
        await Assertions.Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
