using System.Globalization;

namespace EdaAspire.Notifications.Worker;

/// <summary>How a notification names an order to a person: the order id's first eight hex digits, upper case.</summary>
public static class OrderReference
{
    public static string Of(Guid orderId) => orderId.ToString("N", CultureInfo.InvariantCulture)[..8].ToUpperInvariant();
}
