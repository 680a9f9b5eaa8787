using EdaAspire.Contracts.Fulfillment;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>
/// Undoing what was done: the refund and the stock release, each requested at most once whatever
/// asks for it (a failed step, a deadline, a late result), and the cancel once both have come back.
/// Compensations have no deadline: the fulfillment workers retry them until they succeed.
/// </summary>
internal static class Compensations
{
    /// <summary>Refunds and releases whatever is held, then cancels — at once when nothing is held.</summary>
    public static SagaTransition CompensateThenCancel(this SagaTransition transition, string reason, DateTimeOffset now)
    {
        transition
            .Update(s => s with { CancelReason = reason, DeadlineAt = null })
            .RequestRefund()
            .RequestRelease();
        return IsOutstanding(transition.State)
            ? transition.Update(s => s with { Status = OrderSagaStatus.Compensating })
            : transition.Cancel(reason, now);
    }

    public static SagaTransition RequestRefund(this SagaTransition transition)
    {
        var state = transition.State;
        if (state.RefundRequested || state.PaymentId is not { } paymentId)
        {
            return transition;
        }

        // The order's total is what AuthorizePayment charged, so it is what goes back.
        return transition
            .Update(s => s with { RefundRequested = true })
            .Send(new RefundPayment(state.OrderId, paymentId, state.Total, state.Currency));
    }

    public static SagaTransition RequestRelease(this SagaTransition transition)
    {
        var state = transition.State;
        if (state.ReleaseRequested || state.ReservationId is not { } reservationId)
        {
            return transition;
        }

        return transition
            .Update(s => s with { ReleaseRequested = true })
            .Send(new ReleaseStock(state.OrderId, reservationId));
    }

    // A repeated or unasked-for result changes nothing.
    public static SagaDecision OnRefunded(OrderSagaState state, DateTimeOffset now) =>
        state.RefundRequested && !state.Refunded
            ? new SagaTransition(state).Update(s => s with { Refunded = true }).CancelWhenCompensated(now).Decide()
            : SagaDecision.None;

    public static SagaDecision OnReleased(OrderSagaState state, DateTimeOffset now) =>
        state.ReleaseRequested && !state.Released
            ? new SagaTransition(state).Update(s => s with { Released = true }).CancelWhenCompensated(now).Decide()
            : SagaDecision.None;

    // A compensation for a late result can also complete after the cancel: then it is only recorded.
    private static SagaTransition CancelWhenCompensated(this SagaTransition transition, DateTimeOffset now) =>
        transition.State.Status == OrderSagaStatus.Compensating && !IsOutstanding(transition.State)
            ? transition.Cancel(transition.State.CancelReason ?? "Cancelled", now)
            : transition;

    private static bool IsOutstanding(OrderSagaState state) =>
        (state.RefundRequested && !state.Refunded) || (state.ReleaseRequested && !state.Released);
}
