using EdaAspire.Contracts.Orders;

namespace EdaAspire.UnitTests.Saga;

/// <summary>One order and the step results the fulfillment workers could publish for it.</summary>
internal static class SampleOrder
{
    public static readonly Guid Id = new("7d1c4a52-0b8e-4f3e-9a61-2c5d8e9f0a13");
    public static readonly DateTimeOffset PlacedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static readonly OrderPlaced Placed = new(
        Id,
        "customer-42",
        [new OrderLine("sku-1", 2, 10.00m), new OrderLine("sku-2", 1, 39.90m)],
        "EUR",
        59.90m,
        new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 9GU", "GB"),
        PlacedAt);

    public static readonly PaymentAuthorized PaymentAuthorized = new(Id, "pay-1", 59.90m, "EUR");
    public static readonly PaymentDeclined PaymentDeclined = new(Id, "insufficient funds");
    public static readonly StockReserved StockReserved = new(Id, "res-1");
    public static readonly StockUnavailable StockUnavailable = new(Id, "sku-2 out of stock");
    public static readonly ShipmentScheduled ShipmentScheduled = new(Id, "ship-1", "DHL");
    public static readonly ShipmentFailed ShipmentFailed = new(Id, "address not served");
    public static readonly PaymentRefunded PaymentRefunded = new(Id, "pay-1", 59.90m, "EUR");
    public static readonly StockReleased StockReleased = new(Id, "res-1");

    /// <summary>The message id prefix every id of this order's messages starts with.</summary>
    public static string IdPrefix => $"{Id:N}/";
}
