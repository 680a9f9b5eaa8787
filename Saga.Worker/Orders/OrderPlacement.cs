using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>An order placed starts its saga by asking for the payment.</summary>
internal static class OrderPlacement
{
    public static SagaDecision Start(OrderPlaced placed, DateTimeOffset now, SagaTimeouts timeouts)
    {
        var state = new OrderSagaState
        {
            OrderId = placed.OrderId,
            CustomerId = placed.CustomerId,
            Total = placed.Total,
            Currency = placed.Currency,
            Lines = placed.Lines,
            ShippingAddress = placed.ShippingAddress,
            Status = OrderSagaStatus.AwaitingPayment,
            PlacedAt = placed.PlacedAt,
            DeadlineAt = now + timeouts.PaymentTimeout,
        };
        return new SagaTransition(state)
            .Send(new AuthorizePayment(placed.OrderId, placed.CustomerId, placed.Total, placed.Currency))
            .Decide();
    }
}
