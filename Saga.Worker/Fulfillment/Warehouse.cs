using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>The warehouse: reserves the order's lines, and releases the reservation as a compensation.</summary>
public sealed class Warehouse : IFulfillmentSimulator
{
    public const string SectionName = "Warehouse";

    public string Name => SectionName;

    public bool Takes(IFulfillmentCommand command) => command is ReserveStock or ReleaseStock;

    public SimulatedAnswer Answer(IFulfillmentCommand command, string messageId, bool failPermanently) => command switch
    {
        ReserveStock reserve when failPermanently =>
            SimulatedAnswer.Failure(new StockUnavailable(reserve.OrderId, OutOfStock(reserve.Lines))),
        ReserveStock reserve =>
            SimulatedAnswer.Success(new StockReserved(reserve.OrderId, ReservationId(messageId))),
        // Stock handed back is never refused; a busy warehouse is a transient failure, which the queue retries.
        ReleaseStock release =>
            SimulatedAnswer.Success(new StockReleased(release.OrderId, release.ReservationId)),
        _ => throw new ArgumentException($"The warehouse does not take {command.GetType().Name}.", nameof(command)),
    };

    public static string ReservationId(string messageId) => DeterministicId.Create($"reservation:{messageId}").ToString();

    private static string OutOfStock(IReadOnlyList<OrderLine> lines) =>
        lines.Count > 0 ? $"{lines[0].ProductId} is out of stock" : "Out of stock";
}
