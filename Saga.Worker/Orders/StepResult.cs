namespace EdaAspire.Saga.Worker.Orders;

/// <summary>
/// How the answer to a forward step (payment, stock, shipment) is taken. A success is recorded once:
/// while the saga awaits that step it moves on; after the saga gave up it is late, and what it did is
/// undone. A failure while the step is awaited cancels, undoing earlier steps. Anything else — a repeat,
/// a stray, an answer after a timeout — changes nothing.
/// </summary>
internal static class StepResult
{
    public static SagaDecision Succeeded(
        OrderSagaState state,
        OrderSagaStatus awaited,
        bool alreadyRecorded,
        Func<OrderSagaState, OrderSagaState> record,
        Func<SagaTransition, SagaTransition> moveOn,
        Func<SagaTransition, SagaTransition> undoLate)
    {
        var late = state.Status is OrderSagaStatus.Compensating or OrderSagaStatus.Cancelled;
        if (alreadyRecorded || (state.Status != awaited && !late))
        {
            return SagaDecision.None;
        }

        var transition = new SagaTransition(state).Update(record);
        return (late ? undoLate(transition) : moveOn(transition)).Decide();
    }

    public static SagaDecision Failed(OrderSagaState state, OrderSagaStatus awaited, string reason, DateTimeOffset now) =>
        state.Status == awaited
            ? new SagaTransition(state).CompensateThenCancel(reason, now).Decide()
            : SagaDecision.None;
}
