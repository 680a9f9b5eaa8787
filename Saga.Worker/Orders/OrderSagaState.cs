using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>
/// One order's process: plain properties so it maps to one row (lines and address as JSON), and
/// immutable so <see cref="OrderSaga.Handle"/> stays a pure function of (state, input, now).
/// </summary>
public sealed record OrderSagaState
{
    public required Guid OrderId { get; init; }

    public required string CustomerId { get; init; }

    public required decimal Total { get; init; }

    public required string Currency { get; init; }

    public required IReadOnlyList<OrderLine> Lines { get; init; }

    public required ShippingAddress ShippingAddress { get; init; }

    public OrderSagaStatus Status { get; init; }

    public string? PaymentId { get; init; }

    public string? ReservationId { get; init; }

    public string? ShipmentId { get; init; }

    public bool RefundRequested { get; init; }

    public bool Refunded { get; init; }

    public bool ReleaseRequested { get; init; }

    public bool Released { get; init; }

    /// <summary>Set when the saga decides to cancel; published with OrderCancelled once compensations finish.</summary>
    public string? CancelReason { get; init; }

    /// <summary>When the step the saga awaits times out; null while compensating and once terminal.</summary>
    public DateTimeOffset? DeadlineAt { get; init; }

    public DateTimeOffset PlacedAt { get; init; }

    public DateTimeOffset? PaymentAuthorizedAt { get; init; }

    public DateTimeOffset? StockReservedAt { get; init; }

    public DateTimeOffset? ShipmentScheduledAt { get; init; }

    /// <summary>When the saga reached Confirmed or Cancelled.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Incremented on every change: the optimistic-concurrency token of the saga's row.</summary>
    public int Version { get; init; }
}
