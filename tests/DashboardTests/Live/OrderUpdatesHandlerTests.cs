using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Web.Dashboard.Orders.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.DashboardTests.Live;

public sealed class OrderUpdatesHandlerTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly OrderUpdates _updates = new();
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MessageHandlerStep<OrderUpdatesHandler, IOrderEvent> _handler;

    // Through the subscription's reading step, as the feed runs: the handler gets only what Read understands.
    public OrderUpdatesHandlerTests() => _handler = new MessageHandlerStep<OrderUpdatesHandler, IOrderEvent>(
        new OrderUpdatesHandler(_updates), OrderUpdatesHandler.Read, "dashboard-test-1",
        new MessagingTelemetry(_metrics.GetRequiredService<IMeterFactory>()), NullLogger.Instance);

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task Each_known_order_event_becomes_an_update_with_its_order_id_event_id_type_and_time()
    {
        using var subscription = _updates.Subscribe();
        var orderId = Guid.NewGuid();

        await _handler.HandleAsync("dashboard-live", Batch(
            Known("e-1", new PaymentAuthorized(orderId, "pay-1", 10m, "EUR")),
            Unknown("e-2", "shop.order.gift_wrapped.v1"),
            Known("e-3", new OrderConfirmed(orderId, 10m, "EUR"))), CancellationToken.None);

        Assert.Equal(
            [
                new OrderUpdate(orderId, "e-1", "shop.order.payment_authorized.v1", At),
                new OrderUpdate(orderId, "e-3", "shop.order.confirmed.v1", At),
            ],
            Drain(subscription));
    }

    [Fact]
    public async Task A_body_that_does_not_parse_is_left_out_instead_of_stalling_the_feed()
    {
        using var subscription = _updates.Subscribe();
        var orderId = Guid.NewGuid();

        await _handler.HandleAsync("dashboard-live", Batch(
            Event("e-1", "shop.order.confirmed.v1", "{ not json"u8.ToArray()),
            Known("e-2", new OrderCancelled(orderId, "changed my mind"))), CancellationToken.None);

        Assert.Equal(["e-2"], Drain(subscription).Select(u => u.EventId));
    }

    private static ConsumedBatch Batch(params ConsumedEvent[] events) => new(events, []);

    private static ConsumedEvent Known(string id, IOrderEvent orderEvent) =>
        Event(id, OrderEventCatalog.Instance.TypeOf(orderEvent), OrderEventCatalog.Instance.Serialize(orderEvent));

    private static ConsumedEvent Unknown(string id, string type) => Event(id, type, Encoding.UTF8.GetBytes("{}"));

    private static ConsumedEvent Event(string id, string type, byte[] body) => new(
        new TopicPartitionOffset("orders", 0, 7),
        "key",
        new EventEnvelope(id, type, "/test", At, body));

    private static List<OrderUpdate> Drain(OrderUpdateSubscription subscription)
    {
        var drained = new List<OrderUpdate>();
        while (subscription.Reader.TryRead(out var update))
        {
            drained.Add(update);
        }

        return drained;
    }
}
