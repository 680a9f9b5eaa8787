using System.Globalization;
using Microsoft.Playwright;

namespace EdaAspire.EndToEndTests.Infrastructure;

/// <summary>Chromium on the standalone dashboard at a laptop's screen size, with the helpers every page test needs.</summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _dashboard;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, Uri dashboard)
    {
        _playwright = playwright;
        _browser = browser;
        _dashboard = dashboard;
    }

    public static async Task<DashboardBrowser> LaunchAsync(Uri dashboard)
    {
        var playwright = await Playwright.CreateAsync();
        return new DashboardBrowser(playwright, await Chromium.LaunchAsync(playwright), dashboard);
    }

    /// <summary>A new tab on <paramref name="path"/>, once its Blazor circuit is up (prerendered buttons ignore clicks before).</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(new Uri(_dashboard, path).ToString());
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Waits for the marker the layout renders only once the page is interactive (its circuit is up).</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

    /// <summary>A full-page screenshot under artifacts/screenshots/.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(RepositoryPaths.Artifacts("screenshots"), name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Types into a MudBlazor field and leaves it, so the value binds. The test id sits on the input itself or on its wrapper.</summary>
    public static async Task FillAsync(ILocator field, string value)
    {
        var input = await field.EvaluateAsync<string>("e => e.tagName") == "INPUT" ? field : field.Locator("input").First;
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    /// <summary>
    /// The number a stat card shows (digits only, so "1,000" is 1000); 0 while the page waits for the projections' first
    /// tables, as a fresh system's clickstream page does.
    /// </summary>
    public static async Task<long> ShownAsync(IPage page, string testId)
    {
        var card = page.GetByTestId(testId);
        await card.Or(page.GetByTestId("waiting-for-projections")).First.WaitForAsync();
        if (await card.CountAsync() == 0)
        {
            return 0;
        }

        var text = await card.Locator("h4").TextContentAsync() ?? "";
        return long.Parse("0" + new string(text.Where(char.IsDigit).ToArray()), CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until a stat card shows <paramref name="expected"/>, pushed to the page or after reloads.</summary>
    public static Task WaitForShownAsync(IPage page, string testId, long expected, float timeoutMs = 60_000) =>
        page.WaitForFunctionAsync(
            "([id, n]) => (document.querySelector(`[data-testid=${id}] h4`)?.textContent ?? '').replace(/\\D/g, '') === n",
            new object[] { testId, expected.ToString(CultureInfo.InvariantCulture) },
            new() { Timeout = timeoutMs });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
