namespace EdaAspire.ReadModels.Orders;

/// <summary>A customer's order history in numbers; the orders themselves are <see cref="OrderSummary"/> rows by customer.</summary>
public sealed class CustomerOrders
{
    public required string CustomerId { get; set; }

    public long Placed { get; set; }

    public long Confirmed { get; set; }

    public long Cancelled { get; set; }

    /// <summary>Confirmed orders' value in hundredths, so SQL adds it atomically on every provider.</summary>
    public long SpentCents { get; set; }

    public DateTime LastOrderAt { get; set; }
}
