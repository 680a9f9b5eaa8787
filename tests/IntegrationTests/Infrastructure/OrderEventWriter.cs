using System.Diagnostics.Metrics;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>Writes order events to the embedded cluster with the app's own publisher, as the services do.</summary>
public sealed class OrderEventWriter : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly EventPublisher _publisher;

    public OrderEventWriter(string bootstrapServers)
    {
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, Acks = Acks.All }).Build();
        _publisher = new EventPublisher(_producer, new BrokerAvailability(), new MessagingTelemetry(_metrics.GetRequiredService<IMeterFactory>()));
    }

    public Task WriteAsync(IOrderEvent orderEvent, DateTimeOffset at, string? eventId = null) =>
        WriteRawAsync(orderEvent.OrderId, OrderEventCatalog.Instance.TypeOf(orderEvent), OrderEventCatalog.Instance.Serialize(orderEvent), at, eventId);

    public Task WriteRawAsync(Guid orderId, string type, byte[] body, DateTimeOffset at, string? eventId = null) =>
        _publisher.PublishAsync(Topics.Orders, new OutgoingEvent(
            orderId.ToString(),
            new EventEnvelope(eventId ?? Guid.NewGuid().ToString(), type, "urn:test", at, body) { Subject = orderId.ToString() }));

    public void Dispose()
    {
        _producer.Dispose();
        _metrics.Dispose();
    }
}
