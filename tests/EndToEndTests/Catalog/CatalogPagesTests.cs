using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts.Orders;
using EdaAspire.EndToEndTests.Infrastructure;
using EdaAspire.ReadModels.Orders;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EdaAspire.EndToEndTests.Catalog;

/// <summary>
/// Change data capture and state transfer on the running system, through the operator's pages: a price edited on the
/// admin page (Catalog.Api, plain CRUD) reaches the order path's prices through the catalog database's change record, the
/// connector and topic <c>catalog</c>; the catalog page shows the change, the price cache and the connector's lag.
/// </summary>
[Collection(RunningSystem.Name)]
public sealed class CatalogPagesTests(SystemFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private DashboardBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await DashboardBrowser.LaunchAsync(fixture.System.DashboardUrl);

    [Fact]
    public async Task A_price_edited_on_the_admin_page_prices_the_next_order_and_shows_on_the_catalog_page()
    {
        const decimal NewPrice = 8.35m;
        var admin = await _browser.OpenAsync("admin");
        await DashboardBrowser.FillAsync(admin.GetByTestId("price-product"), "p-2");
        await DashboardBrowser.FillAsync(admin.GetByTestId("price-value"), NewPrice.ToString(CultureInfo.InvariantCulture));
        await admin.GetByTestId("price-save").ClickAsync();
        var result = admin.GetByTestId("price-result");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-done", "true");
        var edited = Stopwatch.StartNew();
        output.WriteLine(await result.TextContentAsync());
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(admin, "admin-price-edit.png"));

        // A shop front showing the new price: refused (409, the line's price is not the catalog's) until the change arrived.
        using var http = new HttpClient();
        var order = new PlaceOrderRequest("customer-catalog", [new OrderLineRequest("p-2", 2, NewPrice)], "EUR",
            new ShippingAddress("Ada", "1 Way", null, "London", "N1", "GB"));
        var (orderId, answers) = await PlaceWhenPricedAsync(http, order);
        output.WriteLine($"Order {orderId} accepted at the new price {edited.ElapsedMilliseconds} ms after the edit, after {answers}");

        var catalog = await _browser.OpenAsync("catalog");
        var row = catalog.Locator("[data-testid=catalog-product][data-product=p-2]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-price", NewPrice.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(row.GetByTestId("last-change")).ToHaveAttributeAsync("data-operation", "update");
        await row.GetByTestId("toggle-history").ClickAsync();
        var changes = catalog.GetByTestId("product-change");
        await Assertions.Expect(changes.First).ToHaveAttributeAsync("data-operation", "update");
        Assert.Equal("create", await changes.Last.GetAttributeAsync("data-operation"));
        await catalog.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-cache-ratio]')?.dataset.lookups) > 0");
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(catalog, "catalog.png"));

        var overview = await _browser.OpenAsync("overview");
        await Assertions.Expect(overview.GetByTestId("capture-lag")).ToHaveAttributeAsync("data-pending", "0", new() { Timeout = 60_000 });

        // Leaves the shared system still: the order ended, as the read side shows it.
        await ReadSide.WaitForOrderAsync(http, new Uri(fixture.System.DashboardUrl, $"/api/orders/{orderId}"),
            o => o.Status is OrderStatus.Confirmed or OrderStatus.Cancelled, Limit);
    }

    /// <returns>The accepted order's id and the answers before it, e.g. "409 ×3".</returns>
    private async Task<(Guid OrderId, string Answers)> PlaceWhenPricedAsync(HttpClient http, PlaceOrderRequest order)
    {
        var clock = Stopwatch.StartNew();
        var answers = new List<int>();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.System.IngestionUrl, "/api/orders")) { Content = JsonContent.Create(order) };
            request.Headers.Add("Idempotency-Key", $"catalog-{attempt}-{Guid.NewGuid()}");
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var accepted = (await response.Content.ReadFromJsonAsync<OrderAccepted>())!;
                return (accepted.OrderId, string.Join(", ", answers.GroupBy(a => a).Select(g => $"{g.Key} ×{g.Count()}")));
            }

            answers.Add((int)response.StatusCode);
            Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable,
                $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.True(clock.Elapsed < Limit, $"The new price did not reach the order path within {Limit.TotalSeconds} s; last answer {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(50); // the shop front's pause before it asks again
        }
    }

    public async Task DisposeAsync() => await _browser.DisposeAsync();
}
