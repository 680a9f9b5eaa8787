namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>
/// What the orders list's search box asks for: always a customer id (exact), and an order id prefix too when
/// the text could begin one (hex digits and dashes), so a customer id such as <c>alice</c> keeps to the
/// (CustomerId, PlacedAt) index instead of scanning every order id.
/// </summary>
public sealed record OrderSearch(string Text, string? OrderIdPrefix)
{
    public static OrderSearch? Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var couldBeOrderId = trimmed.Length <= 36 && trimmed.All(c => char.IsAsciiHexDigit(c) || c == '-');
        return new OrderSearch(trimmed, couldBeOrderId ? trimmed.ToUpperInvariant() : null);
    }
}
