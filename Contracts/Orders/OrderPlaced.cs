namespace EdaAspire.Contracts.Orders;

/// <summary>
/// A line as the server priced it: <see cref="UnitPrice"/> is the catalog's price at <see cref="CatalogVersion"/>, the
/// change version of the product that ingestion's copy of the catalog held. Null: priced by the client (before v3).
/// </summary>
public sealed record OrderLine(string ProductId, int Quantity, decimal UnitPrice, long? CatalogVersion = null);

public sealed record ShippingAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

/// <summary>
/// A customer placed an order: the first event of every order's stream (topic <c>orders</c>, key = order id).
/// Version 3: priced on the server from the catalog, each line naming the catalog version it was priced from (v2 carried
/// the client's prices, v1 also a free-text address; see <see cref="OrderPlacedUpcaster"/>).
/// </summary>
public sealed record OrderPlaced(
    Guid OrderId,
    string CustomerId,
    IReadOnlyList<OrderLine> Lines,
    string Currency,
    decimal Total,
    ShippingAddress ShippingAddress,
    DateTimeOffset PlacedAt) : IOrderEvent;
