namespace EdaAspire.ReadModels.Orders;

/// <summary>The lines of an order, to count purchases per product once the order is confirmed.</summary>
public sealed class OrderLineItem
{
    public Guid OrderId { get; set; }

    public required string ProductId { get; set; }

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }
}
