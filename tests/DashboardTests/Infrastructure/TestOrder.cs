using System.Text;
using EdaAspire.Contracts.Orders;
using EdaAspire.ReadModels.Orders;

namespace EdaAspire.DashboardTests.Infrastructure;

/// <summary>
/// An order's history written as its events, the way Projections.Worker stores them: timeline rows with the
/// catalog's JSON, and the summary folded from them.
/// </summary>
public sealed class TestOrder
{
    public static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private readonly List<OrderTimelineEntry> _timeline = [];
    private long _offset;

    private TestOrder(Guid orderId, string customerId)
    {
        OrderId = orderId;
        CustomerId = customerId;
    }

    public Guid OrderId { get; }

    public string CustomerId { get; }

    public IReadOnlyList<OrderTimelineEntry> Timeline => _timeline;

    public OrderTimelineEntry Last => _timeline[^1];

    /// <summary>The summary the projection would hold: the fold of every event.</summary>
    public OrderSummary Summary => OrderStatusFold.StateAt(_timeline, DateTime.MaxValue)!;

    public static TestOrder Placed(DateTime at, string customerId = "c-1", decimal total = 39.98m, Guid? orderId = null)
    {
        var order = new TestOrder(orderId ?? Guid.NewGuid(), customerId);
        return order.With(new OrderPlaced(
            order.OrderId,
            customerId,
            [new OrderLine("p-42", 2, total / 2)],
            "EUR",
            total,
            new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 1AA", "GB"),
            at), at);
    }

    public TestOrder PaymentAuthorized(DateTime at) => With(new PaymentAuthorized(OrderId, "pay-1", Summary.Total, "EUR"), at);

    public TestOrder PaymentDeclined(DateTime at, string reason = "card declined") => With(new PaymentDeclined(OrderId, reason), at);

    public TestOrder StockReserved(DateTime at) => With(new StockReserved(OrderId, "res-1"), at);

    public TestOrder StockReleased(DateTime at) => With(new StockReleased(OrderId, "res-1"), at);

    public TestOrder ShipmentScheduled(DateTime at) => With(new ShipmentScheduled(OrderId, "ship-1", "DHL"), at);

    public TestOrder ShipmentFailed(DateTime at, string reason = "no carrier") => With(new ShipmentFailed(OrderId, reason), at);

    public TestOrder PaymentRefunded(DateTime at) => With(new PaymentRefunded(OrderId, "pay-1", Summary.Total, "EUR"), at);

    public TestOrder Confirmed(DateTime at) => With(new OrderConfirmed(OrderId, Summary.Total, "EUR"), at);

    public TestOrder Cancelled(DateTime at, string reason = "payment declined") => With(new OrderCancelled(OrderId, reason), at);

    /// <summary>The whole happy path, each step <paramref name="step"/> after the one before.</summary>
    public static TestOrder ConfirmedOrder(DateTime placedAt, TimeSpan step, string customerId = "c-1") =>
        Placed(placedAt, customerId)
            .PaymentAuthorized(placedAt + step)
            .StockReserved(placedAt + (2 * step))
            .ShipmentScheduled(placedAt + (3 * step))
            .Confirmed(placedAt + (4 * step));

    private TestOrder With(IOrderEvent orderEvent, DateTime at)
    {
        _timeline.Add(new OrderTimelineEntry
        {
            OrderId = OrderId,
            EventId = $"{OrderId:N}-{_offset}",
            Type = OrderEventCatalog.Instance.TypeOf(orderEvent),
            OccurredAt = at,
            Payload = Encoding.UTF8.GetString(OrderEventCatalog.Instance.Serialize(orderEvent)),
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
            Partition = 3,
            Offset = 1000 + _offset++,
        });
        return this;
    }
}
