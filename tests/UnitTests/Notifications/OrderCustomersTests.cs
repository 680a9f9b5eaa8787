using System.Diagnostics.Metrics;
using Confluent.Kafka;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Notifications.Worker;
using EdaAspire.Notifications.Worker.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.UnitTests.Notifications;

public sealed class OrderCustomersTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("eda-customers-").FullName;

    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private OrderCustomers NewCustomers() =>
        new(new KeyedLineFile(Path.Combine(_directory, "customers.txt")), new NotificationsTelemetry(_metrics.GetRequiredService<IMeterFactory>()));

    private static ConsumedBatch Batch(params IOrderEvent[] events)
    {
        var consumed = events.Select((e, i) => new ConsumedEvent(
            new TopicPartitionOffset("orders", 0, i),
            e.OrderId.ToString(),
            new EventEnvelope($"e-{i}", OrderEventCatalog.Instance.TypeOf(e), "urn:test", DateTimeOffset.UnixEpoch, OrderEventCatalog.Instance.Serialize(e))));
        return new ConsumedBatch([.. consumed], [new PartitionRange(new TopicPartition("orders", 0), null, events.Length)]);
    }

    private static OrderPlaced Placed(Guid order, string customer) =>
        new(order, customer, [new OrderLine("p-1", 1, 2m)], "EUR", 2m, new ShippingAddress("Ada", "1 Way", null, "London", "N1", "GB"), DateTimeOffset.UnixEpoch);

    private Task<List<CustomerNotification<EmailText>>> AddressAsync(OrderCustomers customers, ConsumedBatch batch) =>
        customers.AddressAsync(
            batch.ReadKnown(KnownMessages.Reader(OrderEventCatalog.Instance), "notifications-email", new MessagingTelemetry(_metrics.GetRequiredService<IMeterFactory>()), NullLogger.Instance),
            EmailPolicy.TextFor, EmailNotifier.Channel, NullLogger.Instance, CancellationToken.None);

    [Fact]
    public async Task An_outcome_is_addressed_to_whoever_placed_the_order_even_in_the_same_batch()
    {
        var order = Guid.NewGuid();

        var notifications = await AddressAsync(NewCustomers(), Batch(Placed(order, "c-7"), new OrderConfirmed(order, 2m, "EUR")));

        var notification = Assert.Single(notifications);
        Assert.Equal(("e-1", "c-7"), (notification.Envelope.Id, notification.CustomerId));
    }

    [Fact]
    public async Task The_customer_is_remembered_across_a_restart()
    {
        var order = Guid.NewGuid();
        await AddressAsync(NewCustomers(), Batch(Placed(order, "c-7")));

        var notifications = await AddressAsync(NewCustomers(), Batch(new OrderCancelled(order, "declined")));

        Assert.Equal("c-7", Assert.Single(notifications).CustomerId);
    }

    [Fact]
    public async Task An_order_never_seen_placed_has_no_one_to_notify()
    {
        Assert.Empty(await AddressAsync(NewCustomers(), Batch(new OrderConfirmed(Guid.NewGuid(), 2m, "EUR"))));
    }

    public void Dispose()
    {
        _metrics.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
