using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts.Orders;
using EdaAspire.EndToEndTests.Infrastructure;
using EdaAspire.Tests.Aspire;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EdaAspire.EndToEndTests.Operations;

/// <summary>
/// The operator's pages in Chromium against the embedded AppHost (every service its own process under Aspire): the load generator
/// drives orders that appear live and finish; a poison order reaches the dead letters, is resubmitted and leaves; a
/// projection rebuild shows its progress and ends with the same totals. Each leaves screenshots in artifacts/screenshots/.
/// </summary>
public sealed class OperationsPagesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(60);
    private EmbeddedSystem _system = null!;
    private DashboardBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _system = await EmbeddedSystem.StartAsync();
        _browser = await DashboardBrowser.LaunchAsync(_system.DashboardUrl);
        output.WriteLine($"System healthy in {_system.StartedIn.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Load_generator_orders_appear_live_and_an_opened_order_ends_confirmed_or_cancelled()
    {
        var orders = await _browser.OpenAsync("orders");
        var admin = await _browser.OpenAsync("admin");
        Assert.Contains("runs in Development", await admin.GetByTestId("admin-open").TextContentAsync(), StringComparison.Ordinal);

        await DashboardBrowser.FillAsync(admin.GetByTestId("load-orders"), "4");
        await DashboardBrowser.FillAsync(admin.GetByTestId("load-clicks"), "40");
        await DashboardBrowser.FillAsync(admin.GetByTestId("load-duration"), "5");
        await admin.GetByTestId("load-start").ClickAsync();
        await Expect(admin.GetByTestId("load-stop")).ToBeVisibleAsync();
        // Progress and counters move while it runs, pushed to the page.
        await admin.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=load-progress]').dataset.percent) > 0");
        await admin.GetByTestId("load-start").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(100, int.Parse(await admin.GetByTestId("load-progress").GetAttributeAsync("data-percent") ?? "0", CultureInfo.InvariantCulture));
        var sent = Count(await admin.GetByTestId("load-sent").TextContentAsync());
        var accepted = Count(await admin.GetByTestId("load-accepted").TextContentAsync());
        Assert.Equal(20 + 200, sent);
        Assert.Equal(sent, accepted);
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(admin, "admin-load-generator.png"));

        // The orders page, opened before the run and never reloaded, shows the 20 orders by push.
        await orders.WaitForFunctionAsync(
            "() => document.querySelector('[data-testid=count-all] h4')?.textContent.trim() === '20'", null, new() { Timeout = 30_000 });
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(orders, "orders-live.png"));

        await orders.GetByTestId("order-row").First.Locator("a").First.ClickAsync();
        await orders.GetByTestId("order-summary").WaitForAsync();
        await orders.WaitForFunctionAsync(
            "() => ['Confirmed', 'Cancelled'].includes(document.querySelector('[data-testid=order-summary] [data-testid=order-status]')?.dataset.status)",
            null, new() { Timeout = (float)Settled.TotalMilliseconds });
        var steps = await orders.GetByTestId("saga-step").AllTextContentsAsync();
        Assert.Matches("Confirmed|Cancelled", steps[^1]);
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(orders, "order-detail.png"));

        var overview = await _browser.OpenAsync("overview");
        await overview.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=lag-row]').length >= 7");
        await Expect(overview.Locator("[data-testid=health-entry][data-name=ingestion]")).ToHaveAttributeAsync("data-state", "Healthy");
        // The sampler's total reaches what was sent (its charts have lines by then, for the screenshot).
        await overview.WaitForFunctionAsync(
            "() => Number((document.querySelector('[data-testid=stat-ingested] .mud-typography-caption')?.textContent ?? '').replace(/\\D/g, '')) >= 220",
            null, new() { Timeout = (float)Settled.TotalMilliseconds });
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(overview, "overview.png"));
    }

    [Fact]
    public async Task A_poison_order_reaches_the_dead_letters_and_leaves_them_when_resubmitted()
    {
        var admin = await _browser.OpenAsync("admin");
        await SetPaymentPoisonAsync(admin, percent: 100, appliedLines: 1);

        using var ingestion = new HttpClient { BaseAddress = _system.IngestionUrl };
        var orderId = await PlaceOrderAsync(ingestion, "poisoned");

        var letters = await _browser.OpenAsync("dead-letters");
        var row = letters.GetByTestId("dead-letter-row");
        await row.First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains(orderId.ToString()[..8], await row.TextContentAsync(), StringComparison.Ordinal);
        // The fulfillment worker's reason for a command its simulator marks as poison (PoisonReasons.SimulatedPoison).
        Assert.Equal("SimulatedPoison", await letters.GetByTestId("dead-letter-reason").TextContentAsync());
        await letters.GetByTestId("dead-letter-toggle").ClickAsync();
        Assert.Contains(orderId.ToString(), await letters.GetByTestId("dead-letter-body").TextContentAsync(), StringComparison.Ordinal);
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(letters, "dead-letters.png"));

        await SetPaymentPoisonAsync(admin, percent: 0, appliedLines: 2);
        await letters.GetByTestId("dead-letter-resubmit").ClickAsync();

        await letters.GetByTestId("no-dead-letters").WaitForAsync();
        await letters.ReloadAsync();
        await letters.GetByTestId("no-dead-letters").WaitForAsync();
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(letters, "dead-letters-resubmitted.png"));
    }

    [Fact]
    public async Task A_projection_rebuild_shows_its_progress_and_ends_with_the_same_totals()
    {
        using var ingestion = new HttpClient { BaseAddress = _system.IngestionUrl };
        for (var i = 0; i < 5; i++)
        {
            await PlaceOrderAsync(ingestion, $"rebuild-{i}");
        }

        for (var i = 0; i < 10; i++)
        {
            await Clicks.PostPageViewsAsync(ingestion, count: 100, session: $"rebuild-{i}");
        }

        var orders = await _browser.OpenAsync("orders");
        await orders.WaitForFunctionAsync("() => document.querySelector('[data-testid=count-all] h4')?.textContent.trim() === '5'");
        var clickstream = await _browser.OpenAsync("");
        await clickstream.WaitForFunctionAsync("() => document.querySelector('[data-testid=stat-page-views] h4')?.textContent.trim() === '1,000'");

        var admin = await _browser.OpenAsync("admin");
        foreach (var projection in new[] { "orders", "clickstream" })
        {
            await admin.Locator($"[data-testid=rebuild-row][data-projection={projection}] [data-testid=rebuild-start]").ClickAsync();
        }

        foreach (var projection in new[] { "orders", "clickstream" })
        {
            var progress = admin.Locator($"[data-testid=rebuild-row][data-projection={projection}] [data-testid=rebuild-progress]");
            await Expect(progress).ToHaveAttributeAsync("data-complete", "true", new() { Timeout = 60_000 });
            Assert.Equal("100", await progress.GetAttributeAsync("data-percent"));
        }

        Assert.Contains(_system.Logs, log => log.Resource == "projections" && log.Line.Contains("of projection orders: emptied it", StringComparison.Ordinal));
        Assert.Contains(_system.Logs, log => log.Resource == "projections" && log.Line.Contains("of projection clickstream: emptied it", StringComparison.Ordinal));
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(admin, "admin-rebuild.png"));

        // The same totals, read again from the rebuilt read models.
        await orders.ReloadAsync();
        await Expect(orders.GetByTestId("count-all").Locator("h4")).ToHaveTextAsync("5");
        await clickstream.ReloadAsync();
        await Expect(clickstream.GetByTestId("stat-page-views").Locator("h4")).ToHaveTextAsync("1,000");

        // Replay from an offset: the orders read model then holds only what came after offset 1 of each partition,
        // fewer events than the whole log; a rebuild from the start brings the totals back.
        var ordersRow = admin.Locator("[data-testid=rebuild-row][data-projection=orders]");
        var ordersProgress = ordersRow.GetByTestId("rebuild-progress");
        await DashboardBrowser.FillAsync(ordersRow.GetByTestId("replay-offset"), "1");
        await ordersRow.GetByTestId("replay-start").ClickAsync();
        await Expect(ordersRow.GetByTestId("rebuild-status")).ToContainTextAsync("from offset 1", new() { Timeout = 60_000 });
        await Expect(ordersProgress).ToHaveAttributeAsync("data-complete", "true", new() { Timeout = 60_000 });
        await ordersRow.GetByTestId("rebuild-start").ClickAsync();
        await Expect(ordersRow.GetByTestId("rebuild-status")).ToContainTextAsync("from the start", new() { Timeout = 60_000 });
        await Expect(ordersProgress).ToHaveAttributeAsync("data-complete", "true", new() { Timeout = 60_000 });
        await orders.ReloadAsync();
        await Expect(orders.GetByTestId("count-all").Locator("h4")).ToHaveTextAsync("5");
    }

    /// <summary>Sets the payment simulator's poison rate on the admin page and waits until every fulfillment worker applied it
    /// (each replica logs each change it applies).</summary>
    private async Task SetPaymentPoisonAsync(IPage admin, int percent, int appliedLines)
    {
        var payment = admin.Locator("[data-testid=faults-row][data-simulator=Payment]");
        await DashboardBrowser.FillAsync(payment.GetByTestId("faults-poison"), percent.ToString(CultureInfo.InvariantCulture));
        await admin.GetByTestId("faults-apply").ClickAsync();
        var replicas = _system.InstanceIds("fulfillment").Count;
        await _system.WaitForLogAsync("fulfillment",
            line => line.Contains("Payment permanent", StringComparison.Ordinal)
                && _system.Logs.Count(l => l.Resource == "fulfillment" && l.Line.Contains("Failure injection from", StringComparison.Ordinal)) >= appliedLines * replicas,
            TimeSpan.FromSeconds(60));
        if (appliedLines == 1)
        {
            output.WriteLine(await DashboardBrowser.ScreenshotAsync(admin, "admin-failure-injection.png"));
        }
    }

    private static async Task<Guid> PlaceOrderAsync(HttpClient ingestion, string key)
    {
        var order = new PlaceOrderRequest(
            $"customer-{key}",
            [new OrderLineRequest("p-5", 2)],
            "EUR",
            new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 1AA", "GB"));
        using var response = await OrderPosting.PostUntilAcceptedAsync(ingestion, new Uri("api/orders", UriKind.Relative), () => JsonContent.Create(order), key);
        return (await response.Content.ReadFromJsonAsync<OrderAccepted>())!.OrderId;
    }

    private static long Count(string? text) =>
        long.Parse(new string((text ?? "").Where(char.IsDigit).ToArray()), CultureInfo.InvariantCulture);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _system.DisposeAsync();
    }
}
