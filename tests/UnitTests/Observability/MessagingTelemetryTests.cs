using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.SemanticConventions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.UnitTests.Observability;

/// <summary>The messaging metrics live on the meter of the host's <see cref="IMeterFactory"/>: one host's counts are its own.</summary>
public sealed class MessagingTelemetryTests : IDisposable
{
    private readonly ServiceProvider _host = new ServiceCollection().AddMetrics().AddSingleton<MessagingTelemetry>().BuildServiceProvider();
    private readonly ServiceProvider _otherHost = new ServiceCollection().AddMetrics().AddSingleton<MessagingTelemetry>().BuildServiceProvider();

    [Fact]
    public void A_skipped_record_is_counted_on_the_meter_of_the_host_that_read_it_only()
    {
        using var skipped = new MetricCollector<long>(_host.GetRequiredService<IMeterFactory>(), MessagingTelemetry.Name, "messaging.skipped.messages");
        using var otherSkipped = new MetricCollector<long>(_otherHost.GetRequiredService<IMeterFactory>(), MessagingTelemetry.Name, "messaging.skipped.messages");
        _ = _otherHost.GetRequiredService<MessagingTelemetry>(); // the other host has the same instruments
        var unknown = new ConsumedEvent(
            new TopicPartitionOffset("orders", 2, 17), "order-1",
            new EventEnvelope("e-1", "shop.order.gift_wrapped.v1", "urn:test", DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes("{}")));

        var known = new ConsumedBatch([unknown], []).ReadKnown(
            KnownMessages.Reader(OrderEventCatalog.Instance), "saga", _host.GetRequiredService<MessagingTelemetry>(), NullLogger.Instance);

        Assert.Empty(known);
        var measurement = Assert.Single(skipped.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("orders", measurement.Tags[MessagingAttributes.DestinationName]);
        Assert.Equal("saga", measurement.Tags[MessagingAttributes.ConsumerGroupName]);
        Assert.Equal("unknown_type", measurement.Tags[MessagingAttributes.ErrorType]);
        Assert.Empty(otherSkipped.GetMeasurementSnapshot());
    }

    public void Dispose()
    {
        _host.Dispose();
        _otherHost.Dispose();
    }
}
