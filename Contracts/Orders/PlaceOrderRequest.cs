namespace EdaAspire.Contracts.Orders;

/// <summary>The body of <c>POST /api/orders</c> (with an <c>Idempotency-Key</c> header).</summary>
public sealed record PlaceOrderRequest(
    string CustomerId,
    IReadOnlyList<OrderLine?>? Lines,
    string Currency,
    ShippingAddress? ShippingAddress);

/// <summary>The answer once <see cref="OrderPlaced"/> is in the log: where to follow the order.</summary>
public sealed record OrderAccepted(Guid OrderId, string StatusUrl);
