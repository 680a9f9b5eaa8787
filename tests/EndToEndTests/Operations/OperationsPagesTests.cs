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
/// The system is shared: each test counts from what the pages show when it begins and ends once its orders ended.
/// </summary>
[Collection(RunningSystem.Name)]
public sealed class OperationsPagesTests(SystemFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(60);
    private readonly EmbeddedSystem _system = fixture.System;
    private DashboardBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _browser = await DashboardBrowser.LaunchAsync(_system.DashboardUrl);
        output.WriteLine($"System healthy in {_system.StartedIn.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Load_generator_orders_appear_live_and_an_opened_order_ends_confirmed_or_cancelled()
    {
        var orders = await _browser.OpenAsync("orders");
        var clickstream = await _browser.OpenAsync("");
        var overview = await _browser.OpenAsync("overview");
        var (ordersBefore, eventsBefore) = (await DashboardBrowser.ShownAsync(orders, "count-all"), await DashboardBrowser.ShownAsync(clickstream, "stat-events"));
        var ingestedBefore = await IngestedAsync(overview);
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

        // The orders page, opened before the run and never reloaded, shows the 20 orders by push; the clickstream page the 200 clicks.
        await DashboardBrowser.WaitForShownAsync(orders, "count-all", ordersBefore + 20, 30_000);
        await DashboardBrowser.WaitForShownAsync(clickstream, "stat-events", eventsBefore + 200);
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(orders, "orders-live.png"));

        await orders.GetByTestId("order-row").First.Locator("a").First.ClickAsync();
        await orders.GetByTestId("order-summary").WaitForAsync();
        await orders.WaitForFunctionAsync(
            "() => ['Confirmed', 'Cancelled'].includes(document.querySelector('[data-testid=order-summary] [data-testid=order-status]')?.dataset.status)",
            null, new() { Timeout = (float)Settled.TotalMilliseconds });
        var steps = await orders.GetByTestId("saga-step").AllTextContentsAsync();
        Assert.Matches("Confirmed|Cancelled", steps[^1]);
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(orders, "order-detail.png"));

        await overview.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=lag-row]').length >= 7");
        await Expect(overview.Locator("[data-testid=health-entry][data-name=ingestion]")).ToHaveAttributeAsync("data-state", "Healthy");
        // The log's size as sampled grows by what was sent (its charts have lines by then, for the screenshot).
        await overview.WaitForFunctionAsync(
            "n => Number((document.querySelector('[data-testid=stat-ingested] .mud-typography-caption')?.textContent ?? '').replace(/\\D/g, '')) >= n",
            ingestedBefore + 220, new() { Timeout = (float)Settled.TotalMilliseconds });
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(overview, "overview.png"));
        await WaitUntilEveryOrderEndedAsync();
    }

    [Fact]
    public async Task A_poison_order_reaches_the_dead_letters_and_leaves_them_when_resubmitted()
    {
        var admin = await _browser.OpenAsync("admin");
        await SetPaymentPoisonAsync(admin, percent: 100);
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(admin, "admin-failure-injection.png"));

        using var ingestion = new HttpClient { BaseAddress = _system.IngestionUrl };
        var orderId = await PlaceOrderAsync(ingestion, "poisoned");

        var letters = await _browser.OpenAsync("dead-letters");
        // Orders of other tests may have drawn the simulators' small default poison rate: this order's letter is the one.
        var row = letters.GetByTestId("dead-letter-row").Filter(new() { HasText = orderId.ToString()[..8] });
        await row.First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(1, await row.CountAsync());
        // The fulfillment worker's reason for a command its simulator marks as poison (PoisonReasons.SimulatedPoison).
        Assert.Equal("SimulatedPoison", await row.GetByTestId("dead-letter-reason").TextContentAsync());
        await row.GetByTestId("dead-letter-toggle").ClickAsync();
        Assert.Contains(orderId.ToString(), await letters.GetByTestId("dead-letter-body").TextContentAsync(), StringComparison.Ordinal);
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(letters, "dead-letters.png"));

        await SetPaymentPoisonAsync(admin, percent: 0);
        await row.GetByTestId("dead-letter-resubmit").ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        await letters.ReloadAsync();
        await Expect(row).ToHaveCountAsync(0);
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(letters, "dead-letters-resubmitted.png"));
        await WaitUntilEveryOrderEndedAsync();
    }

    [Fact]
    public async Task A_projection_rebuild_shows_its_progress_and_ends_with_the_same_totals()
    {
        var orders = await _browser.OpenAsync("orders");
        var clickstream = await _browser.OpenAsync("");
        var expectedOrders = await DashboardBrowser.ShownAsync(orders, "count-all") + 5;
        var expectedViews = await DashboardBrowser.ShownAsync(clickstream, "stat-page-views") + 1000;
        using var ingestion = new HttpClient { BaseAddress = _system.IngestionUrl };
        for (var i = 0; i < 5; i++)
        {
            await PlaceOrderAsync(ingestion, $"rebuild-{i}");
        }

        for (var i = 0; i < 10; i++)
        {
            await Clicks.PostPageViewsAsync(ingestion, count: 100, session: $"rebuild-{i}");
        }

        await DashboardBrowser.WaitForShownAsync(orders, "count-all", expectedOrders);
        await DashboardBrowser.WaitForShownAsync(clickstream, "stat-page-views", expectedViews);

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
        await DashboardBrowser.WaitForShownAsync(orders, "count-all", expectedOrders);
        await clickstream.ReloadAsync();
        await DashboardBrowser.WaitForShownAsync(clickstream, "stat-page-views", expectedViews);

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
        await DashboardBrowser.WaitForShownAsync(orders, "count-all", expectedOrders);
        await WaitUntilEveryOrderEndedAsync();
    }

    /// <summary>Sets the payment simulator's poison rate on the admin page and waits until every fulfillment worker applied it
    /// (each replica logs each change it applies).</summary>
    private async Task SetPaymentPoisonAsync(IPage admin, int percent)
    {
        var applied = AppliedFaultChanges() + _system.InstanceIds("fulfillment").Count;
        var payment = admin.Locator("[data-testid=faults-row][data-simulator=Payment]");
        await DashboardBrowser.FillAsync(payment.GetByTestId("faults-poison"), percent.ToString(CultureInfo.InvariantCulture));
        await admin.GetByTestId("faults-apply").ClickAsync();
        await _system.WaitForLogAsync("fulfillment",
            line => line.Contains("Payment permanent", StringComparison.Ordinal) && AppliedFaultChanges() >= applied, TimeSpan.FromSeconds(60));
    }

    private int AppliedFaultChanges() =>
        _system.Logs.Count(l => l.Resource == "fulfillment" && l.Line.Contains("Failure injection from", StringComparison.Ordinal));

    /// <summary>Waits until no order is in progress or compensating, so the next test on this system starts from a still one.</summary>
    private async Task WaitUntilEveryOrderEndedAsync()
    {
        var orders = await _browser.OpenAsync("orders");
        await DashboardBrowser.WaitForShownAsync(orders, "count-in-progress", 0, 120_000);
        await DashboardBrowser.WaitForShownAsync(orders, "count-cancelling", 0, 120_000);
    }

    /// <summary>The events in the log as the overview's sampler last saw them; 0 before its first sample.</summary>
    private static async Task<long> IngestedAsync(IPage overview)
    {
        var card = overview.GetByTestId("stat-ingested");
        await card.Or(overview.GetByTestId("overview-waiting")).First.WaitForAsync();
        return await card.CountAsync() == 0 ? 0 : Count(await card.Locator(".mud-typography-caption").TextContentAsync());
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
        long.Parse("0" + new string((text ?? "").Where(char.IsDigit).ToArray()), CultureInfo.InvariantCulture);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    public async Task DisposeAsync() => await _browser.DisposeAsync();
}
