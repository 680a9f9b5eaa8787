namespace EdaAspire.Contracts.Orders;

/// <summary>The body of <c>POST /api/orders</c> (with an <c>Idempotency-Key</c> header): products and quantities; the server prices them.</summary>
public sealed record PlaceOrderRequest(
    string CustomerId,
    IReadOnlyList<OrderLineRequest?>? Lines,
    string Currency,
    ShippingAddress? ShippingAddress);

/// <summary>
/// A line as the client asks for it. <see cref="UnitPrice"/> is optional: when given it is the price the client showed,
/// and an order whose price is no longer the catalog's is refused rather than charged at another one.
/// </summary>
public sealed record OrderLineRequest(string ProductId, int Quantity, decimal? UnitPrice = null);

/// <summary>The answer once <see cref="OrderPlaced"/> is in the log: where to follow the order.</summary>
public sealed record OrderAccepted(Guid OrderId, string StatusUrl);
