using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>
/// The two ways an order ends. Only a non-terminal saga gets here, so each order publishes exactly
/// one of OrderConfirmed / OrderCancelled, once.
/// </summary>
internal static class Outcomes
{
    public static SagaTransition Confirm(this SagaTransition transition, DateTimeOffset now) => transition
        .Update(s => s with { Status = OrderSagaStatus.Confirmed, CompletedAt = now, DeadlineAt = null })
        .Publish(new OrderConfirmed(transition.State.OrderId, transition.State.Total, transition.State.Currency));

    public static SagaTransition Cancel(this SagaTransition transition, string reason, DateTimeOffset now) => transition
        .Update(s => s with { Status = OrderSagaStatus.Cancelled, CancelReason = reason, CompletedAt = now, DeadlineAt = null })
        .Publish(new OrderCancelled(transition.State.OrderId, reason));
}
