namespace EdaAspire.Contracts.Orders;

public sealed record OrderLine(string ProductId, int Quantity, decimal UnitPrice);

public sealed record ShippingAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

/// <summary>
/// A customer placed an order: the first event of every order's stream (topic <c>orders</c>, key = order id).
/// Version 2: the address is structured (v1 carried one free-text line; see <see cref="OrderPlacedUpcaster"/>).
/// </summary>
public sealed record OrderPlaced(
    Guid OrderId,
    string CustomerId,
    IReadOnlyList<OrderLine> Lines,
    string Currency,
    decimal Total,
    ShippingAddress ShippingAddress,
    DateTimeOffset PlacedAt) : IOrderEvent;

/// <summary>The first shape of <see cref="OrderPlaced"/>, still readable from old logs.</summary>
public sealed record OrderPlacedV1(
    Guid OrderId,
    string CustomerId,
    IReadOnlyList<OrderLine> Lines,
    string Currency,
    decimal Total,
    string ShippingAddress,
    DateTimeOffset PlacedAt);
