using EdaAspire.Contracts.Orders;

namespace EdaAspire.ReadModels.Orders;

/// <summary>
/// Event sourcing on the read side: an order's summary is a left fold of its events. The projection
/// applies each new event to the stored row; the dashboard folds the timeline up to any moment to show
/// the order as it was then.
/// </summary>
public static class OrderStatusFold
{
    /// <summary>Applies one event (at its event time, UTC) to the summary. Terminal states stay terminal.</summary>
    public static void Apply(OrderSummary order, IOrderEvent orderEvent, DateTime at)
    {
        order.EventCount++;
        order.LastEventAt = at > order.LastEventAt ? at : order.LastEventAt;
        switch (orderEvent)
        {
            case OrderPlaced placed:
                order.OrderId = placed.OrderId;
                order.CustomerId = placed.CustomerId;
                order.Total = placed.Total;
                order.Currency = placed.Currency;
                order.Lines = placed.Lines.Count;
                order.PlacedAt = at;
                break;
            case PaymentAuthorized:
                order.PaymentAuthorizedAt = at;
                Advance(order, OrderStatus.PaymentAuthorized);
                break;
            case StockReserved:
                order.StockReservedAt = at;
                Advance(order, OrderStatus.StockReserved);
                break;
            case ShipmentScheduled:
                order.ShipmentScheduledAt = at;
                Advance(order, OrderStatus.ShipmentScheduled);
                break;
            case PaymentDeclined or StockUnavailable or ShipmentFailed:
                Advance(order, OrderStatus.Cancelling);
                break;
            case PaymentRefunded refunded:
                order.Refunded += refunded.Amount;
                break;
            case OrderConfirmed:
                order.Status = OrderStatus.Confirmed;
                order.CompletedAt = at;
                break;
            case OrderCancelled cancelled:
                order.Status = OrderStatus.Cancelled;
                order.CancelReason = cancelled.Reason;
                order.CompletedAt = at;
                break;
        }
    }

    /// <summary>The order as it stood at <paramref name="moment"/>: the fold of its events up to then.</summary>
    public static OrderSummary? StateAt(IEnumerable<OrderTimelineEntry> timeline, DateTime moment)
    {
        OrderSummary? order = null;
        // Log order is the order of the stream; event times only say which events had happened by then.
        foreach (var entry in timeline.Where(e => e.OccurredAt <= moment).OrderBy(e => e.Offset))
        {
            if (OrderEventCatalog.Instance.Read(entry.Type, System.Text.Encoding.UTF8.GetBytes(entry.Payload)) is { } orderEvent)
            {
                order ??= new OrderSummary { OrderId = entry.OrderId };
                Apply(order, orderEvent, entry.OccurredAt);
            }
        }

        return order;
    }

    private static void Advance(OrderSummary order, string status)
    {
        // A late step result after the outcome (the saga compensates it) does not reopen the order.
        if (!OrderStatus.IsTerminal(order.Status))
        {
            order.Status = status;
        }
    }
}
