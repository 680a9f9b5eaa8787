using System.Globalization;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Notifications.Worker.Email;

/// <summary>
/// The email channel's decision, in one place: the customer hears about the order's outcome (confirmed or
/// cancelled) and nothing in between; the shipment is the SMS channel's to tell.
/// </summary>
public static class EmailPolicy
{
    /// <summary>The email an event sends the customer, or null when it sends none.</summary>
    public static EmailText? TextFor(IOrderEvent orderEvent) => orderEvent switch
    {
        OrderConfirmed confirmed => new EmailText(
            $"Your order {OrderReference.Of(confirmed.OrderId)} is confirmed",
            string.Create(CultureInfo.InvariantCulture, $"""
                Hello,

                your order {confirmed.OrderId} is confirmed: payment taken and stock reserved, the parcel is on its way.
                Total: {confirmed.Total:0.00} {confirmed.Currency}

                Thank you for shopping with us.
                """)),
        OrderCancelled cancelled => new EmailText(
            $"Your order {OrderReference.Of(cancelled.OrderId)} was cancelled",
            $"""
                Hello,

                we are sorry: your order {cancelled.OrderId} was cancelled.
                Reason: {cancelled.Reason}
                Anything charged has been refunded.
                """),
        _ => null,
    };
}
