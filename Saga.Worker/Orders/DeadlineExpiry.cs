namespace EdaAspire.Saga.Worker.Orders;

/// <summary>A step that did not answer in time: undo what was done and cancel.</summary>
internal static class DeadlineExpiry
{
    public static SagaDecision OnExpired(OrderSagaState state, DeadlineExpired expired, DateTimeOffset now)
    {
        // A deadline the saga has since moved past (a later step set a later one, or none) is stale.
        if (TimedOutReason(state.Status) is not { } reason || state.DeadlineAt is not { } deadline || deadline > expired.At)
        {
            return SagaDecision.None;
        }

        return new SagaTransition(state).CompensateThenCancel(reason, now).Decide();
    }

    private static string? TimedOutReason(OrderSagaStatus status) => status switch
    {
        OrderSagaStatus.AwaitingPayment => "Payment timed out",
        OrderSagaStatus.AwaitingStock => "Stock reservation timed out",
        OrderSagaStatus.AwaitingShipment => "Shipment scheduling timed out",
        _ => null,
    };
}
