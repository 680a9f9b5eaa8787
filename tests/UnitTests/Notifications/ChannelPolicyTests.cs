using EdaAspire.Contracts.Orders;
using EdaAspire.Notifications.Worker.Email;
using EdaAspire.Notifications.Worker.Sms;
using EdaAspire.Notifications.Worker.Webhook;

namespace EdaAspire.UnitTests.Notifications;

/// <summary>Which order events each channel reacts to: each channel's own decision (choreography).</summary>
public class ChannelPolicyTests
{
    private static readonly Guid Order = new("3b0d6a4e-6f55-4a53-9a1e-2f1d0c9b8a77");

    public static TheoryData<string> EventNames => [.. Events.Keys];

    private static readonly Dictionary<string, IOrderEvent> Events = new(StringComparer.Ordinal)
    {
        ["placed"] = new OrderPlaced(Order, "c-1", [new OrderLine("p-1", 1, 2m)], "EUR", 2m, new ShippingAddress("Ada", "1 Way", null, "London", "N1", "GB"), DateTimeOffset.UnixEpoch),
        ["payment_authorized"] = new PaymentAuthorized(Order, "pay-1", 2m, "EUR"),
        ["payment_declined"] = new PaymentDeclined(Order, "card expired"),
        ["stock_reserved"] = new StockReserved(Order, "res-1"),
        ["stock_unavailable"] = new StockUnavailable(Order, "sold out"),
        ["shipment_scheduled"] = new ShipmentScheduled(Order, "ship-1", "PostNL"),
        ["shipment_failed"] = new ShipmentFailed(Order, "no carrier"),
        ["payment_refunded"] = new PaymentRefunded(Order, "pay-1", 2m, "EUR"),
        ["stock_released"] = new StockReleased(Order, "res-1"),
        ["confirmed"] = new OrderConfirmed(Order, 25.5m, "EUR"),
        ["cancelled"] = new OrderCancelled(Order, "payment declined"),
    };

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Email_tells_the_customer_the_outcome_SMS_the_shipment_webhooks_every_outcome(string name)
    {
        var orderEvent = Events[name];

        Assert.Equal(name is "confirmed" or "cancelled", EmailPolicy.TextFor(orderEvent) is not null);
        Assert.Equal(name is "shipment_scheduled", SmsPolicy.TextFor(orderEvent) is not null);
        Assert.Equal(name is "confirmed" or "cancelled", WebhookPolicy.Forwards(orderEvent));
    }

    [Fact]
    public void The_texts_name_the_order_and_what_happened()
    {
        var confirmed = EmailPolicy.TextFor(Events["confirmed"])!;
        var cancelled = EmailPolicy.TextFor(Events["cancelled"])!;

        Assert.Equal("Your order 3B0D6A4E is confirmed", confirmed.Subject);
        Assert.Contains("Total: 25.50 EUR", confirmed.Body, StringComparison.Ordinal);
        Assert.Equal("Your order 3B0D6A4E was cancelled", cancelled.Subject);
        Assert.Contains("Reason: payment declined", cancelled.Body, StringComparison.Ordinal);
        Assert.Equal("EdaAspire Shop: order 3B0D6A4E ships with PostNL, tracking ship-1.", SmsPolicy.TextFor(Events["shipment_scheduled"]));
    }
}
