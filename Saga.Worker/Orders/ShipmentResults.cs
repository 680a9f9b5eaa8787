using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>The answers to ScheduleShipment: the last step, so a success confirms the order.</summary>
internal static class ShipmentResults
{
    public static SagaDecision OnScheduled(OrderSagaState state, ShipmentScheduled scheduled, DateTimeOffset now) =>
        StepResult.Succeeded(
            state,
            OrderSagaStatus.AwaitingShipment,
            alreadyRecorded: state.ShipmentId is not null,
            record: s => s with { ShipmentId = scheduled.ShipmentId, ShipmentScheduledAt = now },
            moveOn: t => t.Confirm(now),
            // Scheduled after the saga timed the shipment out: no command cancels a shipment, so it is
            // only recorded (the dashboard can flag it); the order stays cancelled and refunded.
            undoLate: t => t);

    // The stock is released and the payment refunded before the order is cancelled.
    public static SagaDecision OnFailed(OrderSagaState state, ShipmentFailed failed, DateTimeOffset now) =>
        StepResult.Failed(state, OrderSagaStatus.AwaitingShipment, $"Shipment failed: {failed.Reason}", now);
}
