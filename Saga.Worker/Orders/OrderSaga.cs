using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>
/// The order process manager: payment, then stock, then shipment, compensating on failure or timeout.
/// Pure — no I/O, the clock passed in — so the host can run it inside one transaction
/// (state row + inbox + outbox) and replay it safely.
/// </summary>
public sealed class OrderSaga(SagaTimeouts timeouts)
{
    public OrderSaga()
        : this(new SagaTimeouts())
    {
    }

    /// <summary>What <paramref name="input"/> (an <see cref="IOrderEvent"/> or a <see cref="DeadlineExpired"/>) does to the order's saga.</summary>
    /// <param name="state">The saga's state, or null when the order has none yet.</param>
    /// <exception cref="ArgumentException">The input is of another kind, or of another order.</exception>
    public SagaDecision Handle(OrderSagaState? state, object input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var orderId = input switch
        {
            IOrderEvent orderEvent => orderEvent.OrderId,
            DeadlineExpired expired => expired.OrderId,
            _ => throw new ArgumentException($"The order saga does not take {input.GetType().Name}.", nameof(input)),
        };

        if (state is null)
        {
            // Only a placement starts a saga; anything else for an unknown order has nothing to act on.
            return input is OrderPlaced placed ? OrderPlacement.Start(placed, now, timeouts) : SagaDecision.None;
        }

        if (orderId != state.OrderId)
        {
            throw new ArgumentException($"Input for order {orderId} given the saga of order {state.OrderId}.", nameof(input));
        }

        return input switch
        {
            PaymentAuthorized authorized => PaymentResults.OnAuthorized(state, authorized, now, timeouts),
            PaymentDeclined declined => PaymentResults.OnDeclined(state, declined, now),
            StockReserved reserved => StockResults.OnReserved(state, reserved, now, timeouts),
            StockUnavailable unavailable => StockResults.OnUnavailable(state, unavailable, now),
            ShipmentScheduled scheduled => ShipmentResults.OnScheduled(state, scheduled, now),
            ShipmentFailed failed => ShipmentResults.OnFailed(state, failed, now),
            PaymentRefunded => Compensations.OnRefunded(state, now),
            StockReleased => Compensations.OnReleased(state, now),
            DeadlineExpired expired => DeadlineExpiry.OnExpired(state, expired, now),

            // A redelivered placement, the saga's own outcomes read back from the topic, or an event
            // type newer than this code: nothing to do.
            _ => SagaDecision.None,
        };
    }
}
