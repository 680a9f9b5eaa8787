namespace EdaAspire.Contracts.Orders;

/// <summary>An event of one order's stream.</summary>
public interface IOrderEvent
{
    Guid OrderId { get; }
}

// What happened to an order after it was placed. Fulfillment workers publish the step results,
// the saga publishes the outcome (OrderConfirmed / OrderCancelled). All keyed by order id.

public sealed record PaymentAuthorized(Guid OrderId, string PaymentId, decimal Amount, string Currency) : IOrderEvent;

public sealed record PaymentDeclined(Guid OrderId, string Reason) : IOrderEvent;

public sealed record StockReserved(Guid OrderId, string ReservationId) : IOrderEvent;

public sealed record StockUnavailable(Guid OrderId, string Reason) : IOrderEvent;

public sealed record ShipmentScheduled(Guid OrderId, string ShipmentId, string Carrier) : IOrderEvent;

public sealed record ShipmentFailed(Guid OrderId, string Reason) : IOrderEvent;

public sealed record PaymentRefunded(Guid OrderId, string PaymentId, decimal Amount, string Currency) : IOrderEvent;

public sealed record StockReleased(Guid OrderId, string ReservationId) : IOrderEvent;

public sealed record OrderConfirmed(Guid OrderId, decimal Total, string Currency) : IOrderEvent;

public sealed record OrderCancelled(Guid OrderId, string Reason) : IOrderEvent;
