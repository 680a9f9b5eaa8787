namespace EdaAspire.Contracts.Orders;

/// <summary>
/// Reads older <see cref="OrderPlaced"/> versions as the current one, one step at a time: v1 → v2 structures the
/// free-text address line; v2 → v3 keeps the client's prices with no catalog version (nobody priced them from the catalog).
/// </summary>
public static class OrderPlacedUpcaster
{
    /// <summary>v1 clients wrote "name, street, city, postal code, country"; anything else is kept whole in <see cref="ShippingAddress.Line1"/> rather than guessed at.</summary>
    public static OrderPlacedV2 Upcast(OrderPlacedV1 v1) =>
        new(v1.OrderId, v1.CustomerId, v1.Lines, v1.Currency, v1.Total, ParseAddress(v1.ShippingAddress), v1.PlacedAt);

    public static OrderPlaced Upcast(OrderPlacedV2 v2) =>
        new(v2.OrderId, v2.CustomerId, [.. v2.Lines.Select(l => new OrderLine(l.ProductId, l.Quantity, l.UnitPrice))], v2.Currency, v2.Total,
            v2.ShippingAddress, v2.PlacedAt);

    private static ShippingAddress ParseAddress(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 5
            ? new ShippingAddress(parts[0], parts[1], null, parts[2], parts[3], parts[4])
            : new ShippingAddress("", text.Trim(), null, "", "", "");
    }
}
