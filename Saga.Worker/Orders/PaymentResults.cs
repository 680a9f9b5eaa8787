using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>The answers to AuthorizePayment.</summary>
internal static class PaymentResults
{
    public static SagaDecision OnAuthorized(OrderSagaState state, PaymentAuthorized authorized, DateTimeOffset now, SagaTimeouts timeouts) =>
        StepResult.Succeeded(
            state,
            OrderSagaStatus.AwaitingPayment,
            alreadyRecorded: state.PaymentId is not null,
            record: s => s with { PaymentId = authorized.PaymentId, PaymentAuthorizedAt = now },
            moveOn: t => t
                .Update(s => s with { Status = OrderSagaStatus.AwaitingStock, DeadlineAt = now + timeouts.StockTimeout })
                .Send(new ReserveStock(state.OrderId, state.Lines)),
            // Charged after the saga gave up on the payment: the money goes back.
            undoLate: t => t.RequestRefund());

    // Nothing was charged yet, so the order is cancelled at once.
    public static SagaDecision OnDeclined(OrderSagaState state, PaymentDeclined declined, DateTimeOffset now) =>
        StepResult.Failed(state, OrderSagaStatus.AwaitingPayment, $"Payment declined: {declined.Reason}", now);
}
