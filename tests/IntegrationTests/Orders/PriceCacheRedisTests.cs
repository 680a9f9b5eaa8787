using System.Net;
using EdaAspire.Contracts.Orders;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using static EdaAspire.IntegrationTests.Orders.PricedOrders;

namespace EdaAspire.IntegrationTests.Orders;

/// <summary>
/// The price cache's second level through a real Debian <c>redis-server</c>: a change one ingestion process read live is
/// what another process, which never read it from its own topic, prices from.
/// </summary>
public sealed class PriceCacheRedisTests : IAsyncLifetime, IDisposable
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();

    // The second process's own log has no catalog at all: whatever it prices came from Redis.
    private readonly KafkaMockCluster _otherKafka = KafkaMockCluster.Start();
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    [Fact]
    public async Task A_second_ingestion_process_sees_a_price_from_redis()
    {
        using var catalog = new CatalogTopic(_kafka.BootstrapServers);
        await catalog.PublishSeedAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:cache"] = _redis.ConnectionString };
        using var first = new IngestionApi(_kafka.BootstrapServers, settings);
        using var firstClient = first.CreateClient();
        await Readiness.WaitAsync(firstClient);
        using var second = new IngestionApi(_otherKafka.BootstrapServers, settings);
        using var secondClient = second.CreateClient();
        await Readiness.WaitAsync(secondClient);

        // Read live by the first process (caught up), so shared through the cache.
        var p9 = CatalogTopic.SeedProduct("p-9");
        var version = await catalog.UpdateAsync(p9, p9 with { Price = 8.80m });
        using var firstOrder = await PostUntilAsync(firstClient, Of(new OrderLineRequest("p-9", 1, 8.80m)), "first", HttpStatusCode.Accepted);

        using var secondOrder = await PostUntilAsync(secondClient, Of(new OrderLineRequest("p-9", 3)), "second", HttpStatusCode.Accepted);

        Assert.Equal(new OrderLine("p-9", 3, 8.80m, version), Assert.Single((await PlacedAsync(secondOrder, _otherKafka.BootstrapServers)).Lines));
        // Only the change was shared: a seeded price the first process read during its replay is unknown to the second.
        using var unshared = await PostAsync(secondClient, Of(new OrderLineRequest("p-1", 1)), "unshared");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unshared.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _redis?.Dispose();
        _otherKafka.Dispose();
        _kafka.Dispose();
    }
}
