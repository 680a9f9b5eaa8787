using EdaAspire.Contracts.Orders;

namespace EdaAspire.Notifications.Worker.Webhook;

/// <summary>
/// The webhook channel's decision, in one place: subscribers (partners, the merchant's back office) are told every
/// outcome of an order, confirmed or cancelled; the steps in between are the shop's own business.
/// </summary>
public static class WebhookPolicy
{
    public static bool Forwards(IOrderEvent orderEvent) => orderEvent is OrderConfirmed or OrderCancelled;
}
