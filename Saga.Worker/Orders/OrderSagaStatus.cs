namespace EdaAspire.Saga.Worker.Orders;

/// <summary>Where one order's process stands. Confirmed and Cancelled are terminal.</summary>
public enum OrderSagaStatus
{
    AwaitingPayment,
    AwaitingStock,
    AwaitingShipment,

    /// <summary>Undoing what was done (refund, release) before the order is cancelled.</summary>
    Compensating,

    Confirmed,
    Cancelled,
}
