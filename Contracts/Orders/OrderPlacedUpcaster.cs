namespace EdaAspire.Contracts.Orders;

/// <summary>
/// Reads <c>shop.order.placed.v1</c> as the current <see cref="OrderPlaced"/>: the free-text address line
/// becomes a structured address. v1 clients wrote "name, street, city, postal code, country"; anything
/// else is kept whole in <see cref="ShippingAddress.Line1"/> rather than guessed at.
/// </summary>
public static class OrderPlacedUpcaster
{
    public static OrderPlaced Upcast(OrderPlacedV1 v1) =>
        new(v1.OrderId, v1.CustomerId, v1.Lines, v1.Currency, v1.Total, ParseAddress(v1.ShippingAddress), v1.PlacedAt);

    private static ShippingAddress ParseAddress(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 5
            ? new ShippingAddress(parts[0], parts[1], null, parts[2], parts[3], parts[4])
            : new ShippingAddress("", text.Trim(), null, "", "", "");
    }
}
