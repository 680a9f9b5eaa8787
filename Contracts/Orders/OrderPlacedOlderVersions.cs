namespace EdaAspire.Contracts.Orders;

/// <summary>A line of <see cref="OrderPlacedV1"/> and <see cref="OrderPlacedV2"/>: the price is the one the client sent.</summary>
public sealed record ClientPricedLine(string ProductId, int Quantity, decimal UnitPrice);

/// <summary>The second shape of <see cref="OrderPlaced"/> (structured address, client prices), still readable from old logs.</summary>
public sealed record OrderPlacedV2(
    Guid OrderId,
    string CustomerId,
    IReadOnlyList<ClientPricedLine> Lines,
    string Currency,
    decimal Total,
    ShippingAddress ShippingAddress,
    DateTimeOffset PlacedAt);

/// <summary>The first shape of <see cref="OrderPlaced"/> (one free-text address line), still readable from old logs.</summary>
public sealed record OrderPlacedV1(
    Guid OrderId,
    string CustomerId,
    IReadOnlyList<ClientPricedLine> Lines,
    string Currency,
    decimal Total,
    string ShippingAddress,
    DateTimeOffset PlacedAt);
