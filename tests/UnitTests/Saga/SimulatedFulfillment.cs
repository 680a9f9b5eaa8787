using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Saga.Worker.Orders;

namespace EdaAspire.UnitTests.Saga;

/// <summary>
/// The fulfillment workers as the saga sees them: each command answered with success or failure, the
/// side effect (charge, reservation, shipment, refund, release) done once per message id as a real worker
/// dedupes, and the same answer repeated when a command is delivered again. Keeps the books the
/// invariants are checked against.
/// </summary>
internal sealed class SimulatedFulfillment(Random random, double successRate)
{
    private readonly Dictionary<string, IOrderEvent> _answered = new(StringComparer.Ordinal);

    public decimal Charged { get; private set; }

    public decimal Refunded { get; private set; }

    public string? ChargedPaymentId { get; private set; }

    public string? HeldReservationId { get; private set; }

    public bool Shipped { get; private set; }

    public IOrderEvent Handle(SendCommand message)
    {
        if (_answered.TryGetValue(message.MessageId, out var answer))
        {
            return answer;
        }

        answer = message.Command switch
        {
            AuthorizePayment authorize => Authorize(authorize),
            ReserveStock reserve => Reserve(reserve),
            ScheduleShipment schedule => Schedule(schedule),
            RefundPayment refund => Refund(refund),
            ReleaseStock release => Release(release),
            _ => throw new InvalidOperationException($"Unknown command {message.Command}."),
        };
        _answered[message.MessageId] = answer;
        return answer;
    }

    private bool Succeeds() => random.NextDouble() < successRate;

    private IOrderEvent Authorize(AuthorizePayment command)
    {
        if (!Succeeds())
        {
            return new PaymentDeclined(command.OrderId, "declined");
        }

        ChargedPaymentId = $"pay-{command.OrderId:N}";
        Charged += command.Amount;
        return new PaymentAuthorized(command.OrderId, ChargedPaymentId, command.Amount, command.Currency);
    }

    private IOrderEvent Reserve(ReserveStock command)
    {
        if (!Succeeds())
        {
            return new StockUnavailable(command.OrderId, "out of stock");
        }

        HeldReservationId = $"res-{command.OrderId:N}";
        return new StockReserved(command.OrderId, HeldReservationId);
    }

    private IOrderEvent Schedule(ScheduleShipment command)
    {
        if (!Succeeds())
        {
            return new ShipmentFailed(command.OrderId, "no carrier");
        }

        Shipped = true;
        return new ShipmentScheduled(command.OrderId, $"ship-{command.OrderId:N}", "DHL");
    }

    // A compensation always succeeds in the end: the queue retries it until it does.
    private PaymentRefunded Refund(RefundPayment command)
    {
        if (command.PaymentId != ChargedPaymentId || Refunded + command.Amount > Charged)
        {
            throw new InvalidOperationException($"Refund of {command.Amount} for {command.PaymentId}, which was not charged that much.");
        }

        Refunded += command.Amount;
        return new PaymentRefunded(command.OrderId, command.PaymentId, command.Amount, command.Currency);
    }

    private StockReleased Release(ReleaseStock command)
    {
        if (command.ReservationId != HeldReservationId)
        {
            throw new InvalidOperationException($"Release of {command.ReservationId}, which is not held.");
        }

        HeldReservationId = null;
        return new StockReleased(command.OrderId, command.ReservationId);
    }
}
