using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>The shipping service: books a carrier for the order's parcel. The last step, so nothing compensates it.</summary>
public sealed class ShippingCarrier : IFulfillmentSimulator
{
    public const string SectionName = "Shipping";

    private static readonly string[] Carriers = ["DHL", "PostNL", "UPS", "DPD"];

    public string Name => SectionName;

    public bool Takes(IFulfillmentCommand command) => command is ScheduleShipment;

    public SimulatedAnswer Answer(IFulfillmentCommand command, string messageId, bool failPermanently) => command switch
    {
        ScheduleShipment schedule when failPermanently =>
            SimulatedAnswer.Failure(new ShipmentFailed(schedule.OrderId, $"No carrier delivers to {schedule.Address.Country}")),
        ScheduleShipment schedule =>
            SimulatedAnswer.Success(new ShipmentScheduled(schedule.OrderId, ShipmentId(messageId), CarrierFor(messageId))),
        _ => throw new ArgumentException($"The shipping service does not take {command.GetType().Name}.", nameof(command)),
    };

    public static string ShipmentId(string messageId) => DeterministicId.Create($"shipment:{messageId}").ToString();

    // Drawn from the id like everything else, so a redelivery books the same carrier.
    private static string CarrierFor(string messageId) =>
        Carriers[(int)(DeterministicOutcome.Draw(messageId, "carrier") * Carriers.Length)];
}
