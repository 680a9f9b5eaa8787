using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Saga.Worker.Orders;

namespace EdaAspire.UnitTests.Saga;

public class OrderSagaHappyPathTests
{
    private static readonly SagaTimeouts Timeouts = new();

    [Fact]
    public void Placing_an_order_starts_the_saga_and_asks_for_the_payment()
    {
        var run = new OrderSagaRun();

        var decision = run.Apply(SampleOrder.Placed);

        var state = Assert.IsType<OrderSagaState>(decision.State);
        Assert.Equal(OrderSagaStatus.AwaitingPayment, state.Status);
        Assert.Equal((SampleOrder.Id, "customer-42", 59.90m, "EUR"), (state.OrderId, state.CustomerId, state.Total, state.Currency));
        Assert.Equal(SampleOrder.Placed.Lines, state.Lines);
        Assert.Equal(SampleOrder.Placed.ShippingAddress, state.ShippingAddress);
        Assert.Equal(SampleOrder.PlacedAt, state.PlacedAt);
        Assert.Equal(run.Now + Timeouts.PaymentTimeout, state.DeadlineAt);
        Assert.Equal(1, state.Version);
        var send = Assert.IsType<SendCommand>(Assert.Single(decision.Messages));
        Assert.Equal(new AuthorizePayment(SampleOrder.Id, "customer-42", 59.90m, "EUR"), send.Command);
        Assert.Equal($"{SampleOrder.Id:N}/authorize-payment", send.MessageId);
        Assert.Equal("fulfillment", send.Destination);
    }

    [Fact]
    public void Payment_authorized_records_the_payment_and_reserves_the_stock()
    {
        var run = OrderSagaRun.Through();
        run.Advance(TimeSpan.FromSeconds(3));

        var decision = run.Apply(SampleOrder.PaymentAuthorized);

        var state = Assert.IsType<OrderSagaState>(decision.State);
        Assert.Equal(OrderSagaStatus.AwaitingStock, state.Status);
        Assert.Equal("pay-1", state.PaymentId);
        Assert.Equal(run.Now, state.PaymentAuthorizedAt);
        Assert.Equal(run.Now + Timeouts.StockTimeout, state.DeadlineAt);
        var send = Assert.IsType<SendCommand>(Assert.Single(decision.Messages));
        var reserve = Assert.IsType<ReserveStock>(send.Command);
        Assert.Equal(SampleOrder.Placed.Lines, reserve.Lines);
        Assert.Equal($"{SampleOrder.Id:N}/reserve-stock", send.MessageId);
    }

    [Fact]
    public void Stock_reserved_records_the_reservation_and_schedules_the_shipment()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized);
        run.Advance(TimeSpan.FromSeconds(4));

        var decision = run.Apply(SampleOrder.StockReserved);

        var state = Assert.IsType<OrderSagaState>(decision.State);
        Assert.Equal(OrderSagaStatus.AwaitingShipment, state.Status);
        Assert.Equal("res-1", state.ReservationId);
        Assert.Equal(run.Now, state.StockReservedAt);
        Assert.Equal(run.Now + Timeouts.ShipmentTimeout, state.DeadlineAt);
        var send = Assert.IsType<SendCommand>(Assert.Single(decision.Messages));
        var schedule = Assert.IsType<ScheduleShipment>(send.Command);
        Assert.Equal(SampleOrder.Placed.ShippingAddress, schedule.Address);
        Assert.Equal(SampleOrder.Placed.Lines, schedule.Lines);
        Assert.Equal($"{SampleOrder.Id:N}/schedule-shipment", send.MessageId);
    }

    [Fact]
    public void Shipment_scheduled_confirms_the_order_and_clears_the_deadline()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized, SampleOrder.StockReserved);
        run.Advance(TimeSpan.FromSeconds(5));

        var decision = run.Apply(SampleOrder.ShipmentScheduled);

        var state = Assert.IsType<OrderSagaState>(decision.State);
        Assert.Equal(OrderSagaStatus.Confirmed, state.Status);
        Assert.Equal("ship-1", state.ShipmentId);
        Assert.Equal(run.Now, state.ShipmentScheduledAt);
        Assert.Equal(run.Now, state.CompletedAt);
        Assert.Null(state.DeadlineAt);
        var publish = Assert.IsType<PublishEvent>(Assert.Single(decision.Messages));
        Assert.Equal(new OrderConfirmed(SampleOrder.Id, 59.90m, "EUR"), publish.Event);
        Assert.Equal($"{SampleOrder.Id:N}/confirmed", publish.MessageId);
        Assert.Equal("orders", publish.Destination);
    }

    [Fact]
    public void Happy_path_end_to_end_sends_three_commands_and_publishes_one_confirmation()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized, SampleOrder.StockReserved, SampleOrder.ShipmentScheduled);

        Assert.Equal(
            ["authorize-payment", "reserve-stock", "schedule-shipment", "confirmed"],
            run.Sent.Select(m => m.MessageId.Replace(SampleOrder.IdPrefix, "", StringComparison.Ordinal)));
        var state = run.Current;
        Assert.Equal(OrderSagaStatus.Confirmed, state.Status);
        Assert.Equal(4, state.Version);
        Assert.False(state.RefundRequested || state.ReleaseRequested);
        Assert.Null(state.CancelReason);

        // One second between steps: the dashboard's step durations.
        Assert.Equal(SampleOrder.PlacedAt.AddSeconds(1), state.PaymentAuthorizedAt);
        Assert.Equal(SampleOrder.PlacedAt.AddSeconds(2), state.StockReservedAt);
        Assert.Equal(SampleOrder.PlacedAt.AddSeconds(3), state.ShipmentScheduledAt);
        Assert.Equal(SampleOrder.PlacedAt.AddSeconds(3), state.CompletedAt);
    }

    [Fact]
    public void Deadlines_follow_the_configured_timeouts()
    {
        var timeouts = new SagaTimeouts
        {
            PaymentTimeout = TimeSpan.FromSeconds(5),
            StockTimeout = TimeSpan.FromMinutes(2),
            ShipmentTimeout = TimeSpan.FromHours(1),
        };
        var run = new OrderSagaRun(timeouts);

        Assert.Equal(run.Now.AddSeconds(5), run.Apply(SampleOrder.Placed).State?.DeadlineAt);
        Assert.Equal(run.Now.AddMinutes(2), run.Apply(SampleOrder.PaymentAuthorized).State?.DeadlineAt);
        Assert.Equal(run.Now.AddHours(1), run.Apply(SampleOrder.StockReserved).State?.DeadlineAt);
    }
}
