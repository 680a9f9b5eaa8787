using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>The answers to ReserveStock.</summary>
internal static class StockResults
{
    public static SagaDecision OnReserved(OrderSagaState state, StockReserved reserved, DateTimeOffset now, SagaTimeouts timeouts) =>
        StepResult.Succeeded(
            state,
            OrderSagaStatus.AwaitingStock,
            alreadyRecorded: state.ReservationId is not null,
            record: s => s with { ReservationId = reserved.ReservationId, StockReservedAt = now },
            moveOn: t => t
                .Update(s => s with { Status = OrderSagaStatus.AwaitingShipment, DeadlineAt = now + timeouts.ShipmentTimeout })
                .Send(new ScheduleShipment(state.OrderId, state.ShippingAddress, state.Lines)),
            // Reserved after the saga gave up on the stock: it goes back.
            undoLate: t => t.RequestRelease());

    // The payment is refunded before the order is cancelled.
    public static SagaDecision OnUnavailable(OrderSagaState state, StockUnavailable unavailable, DateTimeOffset now) =>
        StepResult.Failed(state, OrderSagaStatus.AwaitingStock, $"Stock unavailable: {unavailable.Reason}", now);
}
