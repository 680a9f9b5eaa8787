namespace EdaAspire.ReadModels.Orders;

/// <summary>
/// One order as the list and the status endpoint show it: a fold of the order's events
/// (see <see cref="OrderStatusFold"/>). Times are event times, UTC (DateTime, so SQLite can sort and compare them).
/// </summary>
public sealed class OrderSummary
{
    public Guid OrderId { get; set; }

    public string CustomerId { get; set; } = "";

    public string Status { get; set; } = OrderStatus.Placed;

    public decimal Total { get; set; }

    public string Currency { get; set; } = "";

    public int Lines { get; set; }

    public DateTime PlacedAt { get; set; }

    public DateTime? PaymentAuthorizedAt { get; set; }

    public DateTime? StockReservedAt { get; set; }

    public DateTime? ShipmentScheduledAt { get; set; }

    /// <summary>When the order reached Confirmed or Cancelled.</summary>
    public DateTime? CompletedAt { get; set; }

    public string? CancelReason { get; set; }

    public decimal Refunded { get; set; }

    public DateTime LastEventAt { get; set; }

    public int EventCount { get; set; }
}

/// <summary>The statuses an order moves through, as the read side names them.</summary>
public static class OrderStatus
{
    public const string Placed = "Placed";
    public const string PaymentAuthorized = "PaymentAuthorized";
    public const string StockReserved = "StockReserved";
    public const string ShipmentScheduled = "ShipmentScheduled";
    /// <summary>A step failed or timed out: the saga is compensating and will cancel.</summary>
    public const string Cancelling = "Cancelling";
    public const string Confirmed = "Confirmed";
    public const string Cancelled = "Cancelled";

    public static bool IsTerminal(string status) => status is Confirmed or Cancelled;
}
