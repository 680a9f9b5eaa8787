using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EdaAspire.EndToEndTests.Infrastructure;
using EdaAspire.Tests.Aspire;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EdaAspire.EndToEndTests;

/// <summary>
/// The README's promise: one command brings the system up, a POST of clicks makes the dashboard's
/// numbers grow by themselves within seconds.
/// </summary>
[Collection(RunningSystem.Name)]
public sealed partial class ClickstreamDashboardTests(SystemFixture fixture, ITestOutputHelper output)
{
    private readonly EmbeddedSystem _system = fixture.System;

    [Fact]
    public async Task Clicks_posted_over_http_appear_on_the_prerendered_dashboard()
    {
        // Other tests post to the same system: count from what is shown now.
        using var dashboard = new HttpClient { BaseAddress = _system.DashboardUrl };
        var expected = PageViewsIn(await dashboard.GetStringAsync("/")) + 25;
        using var ingestion = new HttpClient { BaseAddress = _system.IngestionUrl };
        await Clicks.PostPageViewsAsync(ingestion, count: 25, session: "http-check");

        var clock = Stopwatch.StartNew();
        long shown = -1;
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && shown != expected)
        {
            shown = PageViewsIn(await dashboard.GetStringAsync("/"));
            // A poll for the projected total, not a wait for time to pass.
            await Task.Delay(200);
        }

        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task The_open_dashboard_updates_by_itself_after_a_post()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        await page.GotoAsync(_system.DashboardUrl.ToString());
        output.WriteLine($"System healthy in {_system.StartedIn.TotalSeconds:F1} s");
        var before = await ReadPageViewsAsync(page);
        // Before the circuit is up the page is static prerendered HTML, which no push would change.
        await DashboardBrowser.WaitForCircuitAsync(page);

        using var ingestion = new HttpClient { BaseAddress = _system.IngestionUrl };
        await Clicks.PostPageViewsAsync(ingestion, count: 40, session: "browser-check");
        var posted = Stopwatch.StartNew();
        var expected = before + 40;
        await page.WaitForFunctionAsync(
            "expected => document.querySelector('[data-testid=stat-page-views] h4')?.textContent.trim() === expected",
            expected.ToString("N0", CultureInfo.InvariantCulture),
            new() { PollingInterval = 50, Timeout = 15_000 });
        output.WriteLine($"Dashboard showed the new total {posted.ElapsedMilliseconds} ms after the API's 202 (no reload).");

        var screenshot = Path.Combine(RepositoryPaths.Artifacts("screenshots"), "dashboard-clickstream.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");
    }

    private static async Task<long> ReadPageViewsAsync(IPage page)
    {
        var card = page.GetByTestId("stat-page-views").Or(page.GetByTestId("waiting-for-projections"));
        await card.First.WaitForAsync();
        return await page.GetByTestId("stat-page-views").CountAsync() == 0 ? 0 : PageViewsIn(await page.ContentAsync());
    }

    /// <summary>The number on the "Page views" card, or 0 while the projections have not created the tables.</summary>
    private static long PageViewsIn(string html)
    {
        var match = PageViewsCard().Match(html);
        return match.Success ? long.Parse(match.Groups["n"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""data-testid="stat-page-views"[\s\S]*?<h4[^>]*>\s*(?<n>[\d,]+)\s*</h4>""")]
    private static partial Regex PageViewsCard();
}
