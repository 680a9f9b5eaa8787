using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Saga.Worker.Fulfillment;

namespace EdaAspire.UnitTests.Fulfillment;

public class SimulatorTests
{
    private static readonly Guid Order = Guid.Parse("7b0e4c1a-2f3d-4e5a-8b6c-9d0e1f2a3b4c");
    private static readonly OrderLine[] Lines = [new("p-1", 2, 10m), new("p-2", 1, 5.5m)];
    private static readonly ShippingAddress Address = new("Ada", "1 Way", null, "London", "N1", "GB");
    private const string MessageId = "7b0e4c1a2f3d4e5a8b6c9d0e1f2a3b4c/step";

    public static TheoryData<IFulfillmentSimulator, IFulfillmentCommand> Routes => new()
    {
        { new PaymentGateway(), new AuthorizePayment(Order, "c-1", 25.5m, "EUR") },
        { new PaymentGateway(), new RefundPayment(Order, "pay-1", 25.5m, "EUR") },
        { new Warehouse(), new ReserveStock(Order, Lines) },
        { new Warehouse(), new ReleaseStock(Order, "res-1") },
        { new ShippingCarrier(), new ScheduleShipment(Order, Address, Lines) },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Each_command_is_taken_by_exactly_one_simulator(IFulfillmentSimulator expected, IFulfillmentCommand command)
    {
        IFulfillmentSimulator[] all = [new PaymentGateway(), new Warehouse(), new ShippingCarrier()];

        var taker = Assert.Single(all, s => s.Takes(command));
        Assert.Equal(expected.Name, taker.Name);
    }

    [Fact]
    public void Payment_is_authorized_with_an_id_from_the_message_or_declined()
    {
        var gateway = new PaymentGateway();
        var command = new AuthorizePayment(Order, "c-1", 25.5m, "EUR");

        var authorized = gateway.Answer(command, MessageId, failPermanently: false);
        var declined = gateway.Answer(command, MessageId, failPermanently: true);

        Assert.Equal(
            SimulatedAnswer.Success(new PaymentAuthorized(Order, DeterministicId.Create($"payment:{MessageId}").ToString(), 25.5m, "EUR")),
            authorized);
        Assert.True(declined.Failed);
        Assert.Equal(Order, Assert.IsType<PaymentDeclined>(declined.Result).OrderId);
    }

    [Fact]
    public void Stock_is_reserved_with_an_id_from_the_message_or_unavailable()
    {
        var warehouse = new Warehouse();
        var command = new ReserveStock(Order, Lines);

        var reserved = warehouse.Answer(command, MessageId, failPermanently: false);
        var unavailable = warehouse.Answer(command, MessageId, failPermanently: true);

        Assert.Equal(SimulatedAnswer.Success(new StockReserved(Order, DeterministicId.Create($"reservation:{MessageId}").ToString())), reserved);
        Assert.Equal(SimulatedAnswer.Failure(new StockUnavailable(Order, "p-1 is out of stock")), unavailable);
    }

    [Fact]
    public void A_shipment_is_scheduled_with_an_id_and_carrier_from_the_message_or_fails()
    {
        var shipping = new ShippingCarrier();
        var command = new ScheduleShipment(Order, Address, Lines);

        var scheduled = Assert.IsType<ShipmentScheduled>(shipping.Answer(command, MessageId, failPermanently: false).Result);
        var failed = shipping.Answer(command, MessageId, failPermanently: true);

        Assert.Equal(DeterministicId.Create($"shipment:{MessageId}").ToString(), scheduled.ShipmentId);
        Assert.Contains(scheduled.Carrier, new[] { "DHL", "PostNL", "UPS", "DPD" });
        Assert.Equal(SimulatedAnswer.Failure(new ShipmentFailed(Order, "No carrier delivers to GB")), failed);
    }

    [Fact]
    public void Compensations_never_fail_permanently()
    {
        var refund = new PaymentGateway().Answer(new RefundPayment(Order, "pay-1", 25.5m, "EUR"), MessageId, failPermanently: true);
        var release = new Warehouse().Answer(new ReleaseStock(Order, "res-1"), MessageId, failPermanently: true);

        Assert.Equal(SimulatedAnswer.Success(new PaymentRefunded(Order, "pay-1", 25.5m, "EUR")), refund);
        Assert.Equal(SimulatedAnswer.Success(new StockReleased(Order, "res-1")), release);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void A_redelivery_gets_an_equal_answer(IFulfillmentSimulator simulator, IFulfillmentCommand command)
    {
        Assert.Equal(simulator.Answer(command, MessageId, false), simulator.Answer(command, MessageId, false));
        Assert.Equal(simulator.Answer(command, MessageId, true), simulator.Answer(command, MessageId, true));
    }

    [Fact]
    public void Carriers_spread_over_messages()
    {
        var shipping = new ShippingCarrier();
        var carriers = Enumerable.Range(0, 200)
            .Select(i => ((ShipmentScheduled)shipping.Answer(new ScheduleShipment(Order, Address, Lines), $"m-{i}", false).Result).Carrier)
            .ToHashSet();

        Assert.Equal(4, carriers.Count);
    }

    [Fact]
    public void A_command_a_simulator_does_not_take_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ShippingCarrier().Answer(new ReleaseStock(Order, "res-1"), MessageId, false));
    }
}
