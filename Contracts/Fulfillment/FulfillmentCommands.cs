using EdaAspire.Contracts.Orders;

namespace EdaAspire.Contracts.Fulfillment;

/// <summary>A command for one order's fulfillment.</summary>
public interface IFulfillmentCommand
{
    Guid OrderId { get; }
}

/// <summary>
/// A command that undoes a step. Money taken must go back and stock held must be freed, so a compensation is never
/// refused and never given up on.
/// </summary>
public interface ICompensation : IFulfillmentCommand;

// Commands the saga sends to queue "fulfillment"; exactly one of the competing workers handles each.
// Every command's message id is derived from (order, step), so a resend is recognised as the same command.

public sealed record AuthorizePayment(Guid OrderId, string CustomerId, decimal Amount, string Currency) : IFulfillmentCommand;

public sealed record ReserveStock(Guid OrderId, IReadOnlyList<OrderLine> Lines) : IFulfillmentCommand;

public sealed record ScheduleShipment(Guid OrderId, ShippingAddress Address, IReadOnlyList<OrderLine> Lines) : IFulfillmentCommand;

/// <summary>Compensation for <see cref="AuthorizePayment"/>.</summary>
public sealed record RefundPayment(Guid OrderId, string PaymentId, decimal Amount, string Currency) : ICompensation;

/// <summary>Compensation for <see cref="ReserveStock"/>.</summary>
public sealed record ReleaseStock(Guid OrderId, string ReservationId) : ICompensation;
