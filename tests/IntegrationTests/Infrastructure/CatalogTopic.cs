extern alias catalog;
extern alias cdc;

using System.Diagnostics.Metrics;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Catalog;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using CapturedChange = cdc::EdaAspire.ChangeCapture.Worker.ChangeRecord.CapturedChange;
using ProductChangeEvents = cdc::EdaAspire.ChangeCapture.Worker.ProductChangeEvents;
using ProductSeed = catalog::EdaAspire.Catalog.Api.Products.ProductSeed;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>
/// Writes topic <c>catalog</c> as the change-data-capture connector does (its own event mapping: ids, headers, the
/// tombstone after a delete), for tests of its readers that need no catalog database.
/// </summary>
public sealed class CatalogTopic : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly EventPublisher _publisher;
    private long _version;

    public CatalogTopic(string bootstrapServers)
    {
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, Acks = Acks.All }).Build();
        _publisher = new EventPublisher(_producer, new BrokerAvailability(), new MessagingTelemetry(_metrics.GetRequiredService<IMeterFactory>()));
    }

    /// <summary>Catalog.Api's seed (p-1 … p-36, every seventh inactive) as creates.</summary>
    public static IReadOnlyList<ProductImage> Seed { get; } =
        [.. ProductSeed.Products.Select(p => new ProductImage(p.Id, p.Name, p.Price, p.Currency, p.Active))];

    public static ProductImage SeedProduct(string id) => Seed.Single(p => p.Id == id);

    public Task PublishSeedAsync() => PublishAsync([.. Seed.Select(p => Change(ChangeOperations.Create, null, p))]);

    /// <summary>The product as it is after an update; returns the change version it was published at.</summary>
    public async Task<long> UpdateAsync(ProductImage before, ProductImage after)
    {
        var change = Change(ChangeOperations.Update, before, after);
        await PublishAsync([change]);
        return change.Source.Version;
    }

    public Task DeleteAsync(ProductImage before) => PublishAsync([Change(ChangeOperations.Delete, before, null)]);

    /// <summary>Changes as given, e.g. an older version after a newer one, as a replayed or duplicated record arrives.</summary>
    public Task PublishAsync(IReadOnlyList<CapturedChange> changes) =>
        _publisher.PublishAsync(Topics.Catalog, [.. changes.SelectMany(ProductChangeEvents.Of)]);

    public CapturedChange Change(string operation, ProductImage? before, ProductImage? after, long? version = null) =>
        new((after ?? before)!.Id, operation, before, after,
            new ChangeSource("sqlite", "Products", version ?? Interlocked.Increment(ref _version), DateTimeOffset.UtcNow));

    public void Dispose()
    {
        _producer.Dispose();
        _metrics.Dispose();
    }
}
