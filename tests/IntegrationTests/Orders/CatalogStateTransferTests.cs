using System.Net;
using EdaAspire.Contracts.Orders;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Catalog;
using EdaAspire.IntegrationTests.Infrastructure;
using static EdaAspire.IntegrationTests.Orders.PricedOrders;

namespace EdaAspire.IntegrationTests.Orders;

/// <summary>
/// State transfer and temporal decoupling on the real pieces: a price edited in Catalog.Api (SQLite) travels through the
/// change-data-capture connector and topic <c>catalog</c> to ingestion's copy, which prices orders with the catalog and
/// its connector gone, after a restart too, from the topic alone. Ingestion never calls the catalog.
/// </summary>
public sealed class CatalogStateTransferTests : IDisposable
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _catalogFile = new("catalog");

    [Fact]
    public async Task A_price_edited_in_the_catalog_is_the_price_of_the_next_order_and_stays_so_with_the_catalog_gone_across_an_ingestion_restart()
    {
        var catalogApi = new CatalogApi(_catalogFile.ConnectionString);
        var products = new ProductRequests(catalogApi.CreateClient()); // starts the API: schema, change record, seed
        var connector = await ChangeCaptureWorker.StartAsync(_kafka.BootstrapServers, _catalogFile.ConnectionString);
        using (var ingestion = new IngestionApi(_kafka.BootstrapServers))
        {
            using var client = ingestion.CreateClient();
            await Readiness.WaitAsync(client);

            await products.RepriceAsync("p-8", 33.30m, "Pour-over kettle");
            using var accepted = await PostUntilAsync(client, Of(new OrderLineRequest("p-8", 1, 33.30m)), "edited", HttpStatusCode.Accepted);
            Assert.Equal(33.30m, Assert.Single((await PlacedAsync(accepted, _kafka.BootstrapServers)).Lines).UnitPrice);
        }

        // The catalog goes away entirely: its connector stops, its API stops, its database is gone.
        await new CatalogDatabase(_catalogFile.ConnectionString).WaitForCaptureAsync(CatchUp);
        await connector.StopAsync();
        connector.Dispose();
        catalogApi.Dispose();
        _catalogFile.Dispose();

        // A new ingestion process has only the topic to rebuild its copy from.
        using var restarted = new IngestionApi(_kafka.BootstrapServers);
        using var restartedClient = restarted.CreateClient();
        await Readiness.WaitAsync(restartedClient);
        using var afterRestart = await PostAsync(restartedClient, Of(new OrderLineRequest("p-8", 2), new OrderLineRequest("p-1", 1)), "catalog-gone");

        var placed = await PlacedAsync(afterRestart, _kafka.BootstrapServers);
        Assert.Equal([("p-8", 33.30m), ("p-1", 2.50m)], placed.Lines.Select(l => (l.ProductId, l.UnitPrice)));
        Assert.Equal(69.10m, placed.Total);
        Assert.All(placed.Lines, l => Assert.NotNull(l.CatalogVersion));
    }

    public void Dispose()
    {
        _catalogFile.Dispose();
        _kafka.Dispose();
    }
}
