using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Catalog;
using EdaAspire.Contracts.Orders;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using static EdaAspire.IntegrationTests.Orders.PricedOrders;

namespace EdaAspire.IntegrationTests.Orders;

/// <summary>
/// <c>POST /api/orders</c> priced on the server from ingestion's copy of topic <c>catalog</c>, written here as the
/// connector writes it: what the catalog says is the price; what it cannot sell is refused naming the line.
/// </summary>
public sealed class OrderPricingTests : IAsyncLifetime, IDisposable
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly CatalogTopic _catalog;
    private readonly IngestionApi _api;
    private HttpClient _client = null!;

    public OrderPricingTests()
    {
        _catalog = new CatalogTopic(_kafka.BootstrapServers);
        _api = new IngestionApi(_kafka.BootstrapServers);
    }

    public async Task InitializeAsync()
    {
        await _catalog.PublishSeedAsync();
        _client = _api.CreateClient();
        await Readiness.WaitAsync(_client);
    }

    [Fact]
    public async Task A_price_change_on_the_catalog_topic_is_the_price_of_the_next_order()
    {
        var before = CatalogTopic.SeedProduct("p-3");
        var version = await _catalog.UpdateAsync(before, before with { Price = 11.25m });

        // The client shows the new price: 409 until the change has reached the copy.
        using var accepted = await PostUntilAsync(_client, Of(new OrderLineRequest("p-3", 2, 11.25m)), "reprice-1", HttpStatusCode.Accepted);

        var placed = await PlacedAsync(accepted, _kafka.BootstrapServers);
        Assert.Equal(new OrderLine("p-3", 2, 11.25m, version), Assert.Single(placed.Lines));
        Assert.Equal(22.50m, placed.Total);
    }

    [Fact]
    public async Task Pricing_reports_its_copy_and_where_each_lookup_was_answered_the_cache_once_a_change_came_live()
    {
        using (var fromCopy = await PostAsync(_client, Of(new OrderLineRequest("p-1", 1), new OrderLineRequest("p-2", 1)), "counted"))
        {
            Assert.Equal(HttpStatusCode.Accepted, fromCopy.StatusCode);
        }

        // The seed was read while the copy caught up, which shares nothing: the copy answered both.
        var first = (await _client.GetFromJsonAsync<PriceCacheStatus>("/api/pricing"))!;
        Assert.Equal((true, 36, false, 2L, 0L, 0L), (first.CaughtUp, first.Products, first.SharedLevel, first.Lookups, first.CacheHits, first.Unknown));

        // A change read live is shared through the cache, which then answers; an unknown product is neither's.
        var before = CatalogTopic.SeedProduct("p-4");
        await _catalog.UpdateAsync(before, before with { Price = 6.10m });
        using (var live = await PostUntilAsync(_client, Of(new OrderLineRequest("p-4", 1, 6.10m)), "counted-live", HttpStatusCode.Accepted))
        using (var unknown = await PostAsync(_client, Of(new OrderLineRequest("p-999", 1)), "counted-unknown"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        }

        var then = (await _client.GetFromJsonAsync<PriceCacheStatus>("/api/pricing"))!;
        Assert.True(then.CacheHits >= 1, $"no cache hit after a live change: {then}");
        Assert.Equal(first.Unknown + 1, then.Unknown);
    }

    [Fact]
    public async Task A_client_price_that_is_not_the_catalogs_is_refused_with_409_naming_the_line_and_the_current_price()
    {
        using var response = await PostAsync(_client, Of(new OrderLineRequest("p-2", 1), new OrderLineRequest("p-1", 1, 3.00m)), "stale-price");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = Assert.Single(await ErrorsAsync(response));
        Assert.Equal("lines[1].unitPrice", error.Key);
        Assert.Contains("costs 2.50 EUR now", Assert.Single(error.Value), StringComparison.Ordinal);
        Assert.Equal(0, new KafkaProbe(_kafka.BootstrapServers).MessagesIn(Topics.Orders));
    }

    [Theory]
    [InlineData("p-999", "Unknown product 'p-999'.")]
    [InlineData("p-7", "'p-7' is not for sale (inactive in the catalog).")]
    public async Task An_unknown_or_inactive_product_is_refused_with_422_naming_the_line(string product, string message)
    {
        using var response = await PostAsync(_client, Of(new OrderLineRequest("p-1", 1), new OrderLineRequest(product, 1)), $"unsellable-{product}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(new Dictionary<string, string[]> { ["lines[1].productId"] = [message] }, await ErrorsAsync(response));
        Assert.Equal(0, new KafkaProbe(_kafka.BootstrapServers).MessagesIn(Topics.Orders));
    }

    [Fact]
    public async Task A_deleted_or_deactivated_product_becomes_unorderable()
    {
        await _catalog.DeleteAsync(CatalogTopic.SeedProduct("p-4"));
        var p5 = CatalogTopic.SeedProduct("p-5");
        await _catalog.UpdateAsync(p5, p5 with { Active = false });

        using var deleted = await PostUntilAsync(_client, Of(new OrderLineRequest("p-4", 1)), "deleted", HttpStatusCode.UnprocessableEntity);
        using var inactive = await PostUntilAsync(_client, Of(new OrderLineRequest("p-5", 1)), "deactivated", HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["'p-4' was removed from the catalog."], (await ErrorsAsync(deleted))["lines[0].productId"]);
        Assert.Equal(["'p-5' is not for sale (inactive in the catalog)."], (await ErrorsAsync(inactive))["lines[0].productId"]);
    }

    [Fact]
    public async Task An_order_in_another_currency_than_the_products_is_refused_with_422()
    {
        using var response = await PostAsync(_client, Of(new OrderLineRequest("p-1", 1)) with { Currency = "USD" }, "currency");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["'p-1' is sold in EUR, not in the order's currency USD."], (await ErrorsAsync(response))["lines[0].productId"]);
    }

    [Fact]
    public async Task An_older_change_arriving_after_a_newer_one_does_not_put_the_old_price_back_even_after_a_restart()
    {
        var p6 = CatalogTopic.SeedProduct("p-6");
        await _catalog.PublishAsync([
            _catalog.Change(ChangeOperations.Update, p6, p6 with { Price = 50m }, version: 1_000),
            _catalog.Change(ChangeOperations.Update, p6, p6 with { Price = 1m }, version: 999),
        ]);
        using var first = await PostUntilAsync(_client, Of(new OrderLineRequest("p-6", 1, 50m)), "newest-wins", HttpStatusCode.Accepted);

        // A new process rebuilds its copy from the topic's start: the same records, the same answer.
        using var restarted = new IngestionApi(_kafka.BootstrapServers);
        using var client = restarted.CreateClient();
        await Readiness.WaitAsync(client);
        using var second = await PostAsync(client, Of(new OrderLineRequest("p-6", 1)), "newest-wins-after-restart");

        Assert.Equal(new OrderLine("p-6", 1, 50m, 1_000), Assert.Single((await PlacedAsync(second, _kafka.BootstrapServers)).Lines));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
        _catalog.Dispose();
        _kafka.Dispose();
    }
}
