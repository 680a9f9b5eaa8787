using EdaAspire.Contracts.Orders;

namespace EdaAspire.Notifications.Worker.Sms;

/// <summary>
/// The SMS channel's decision, in one place: a text message is for what the customer acts on at once, so only the
/// shipment being scheduled (someone should be home); outcomes go by email.
/// </summary>
public static class SmsPolicy
{
    /// <summary>The text an event sends the customer, or null when it sends none.</summary>
    public static string? TextFor(IOrderEvent orderEvent) => orderEvent switch
    {
        ShipmentScheduled shipment =>
            $"EdaAspire Shop: order {OrderReference.Of(shipment.OrderId)} ships with {shipment.Carrier}, tracking {shipment.ShipmentId}.",
        _ => null,
    };
}
