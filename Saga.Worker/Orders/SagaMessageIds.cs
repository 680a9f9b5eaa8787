using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>
/// Message ids from (order, step): the saga sends each command and each outcome at most once per
/// order, so the step names it; a replay of the same decision produces the same ids.
/// </summary>
public static class SagaMessageIds
{
    public static string For(IFulfillmentCommand command) => For(command.OrderId, command switch
    {
        AuthorizePayment => "authorize-payment",
        ReserveStock => "reserve-stock",
        ScheduleShipment => "schedule-shipment",
        RefundPayment => "refund-payment",
        ReleaseStock => "release-stock",
        _ => throw new ArgumentException($"The saga does not send {command.GetType().Name}.", nameof(command)),
    });

    public static string For(IOrderEvent outcome) => For(outcome.OrderId, outcome switch
    {
        OrderConfirmed => "confirmed",
        OrderCancelled => "cancelled",
        _ => throw new ArgumentException($"The saga does not publish {outcome.GetType().Name}.", nameof(outcome)),
    });

    private static string For(Guid orderId, string step) => $"{orderId:N}/{step}";
}
