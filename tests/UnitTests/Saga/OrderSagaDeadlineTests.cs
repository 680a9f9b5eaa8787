using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Saga.Worker.Orders;

namespace EdaAspire.UnitTests.Saga;

public class OrderSagaDeadlineTests
{
    [Fact]
    public void Payment_deadline_cancels_at_once_as_nothing_was_done()
    {
        var run = OrderSagaRun.Through();

        var decision = run.ExpireDeadline();

        var state = Assert.IsType<OrderSagaState>(decision.State);
        Assert.Equal(OrderSagaStatus.Cancelled, state.Status);
        Assert.Null(state.DeadlineAt);
        var publish = Assert.IsType<PublishEvent>(Assert.Single(decision.Messages));
        Assert.Equal(new OrderCancelled(SampleOrder.Id, "Payment timed out"), publish.Event);
    }

    [Fact]
    public void Stock_deadline_refunds_the_payment_then_cancels()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized);

        var compensating = run.ExpireDeadline();

        Assert.Equal(OrderSagaStatus.Compensating, compensating.State?.Status);
        Assert.Null(compensating.State?.DeadlineAt);
        Assert.IsType<RefundPayment>(Assert.IsType<SendCommand>(Assert.Single(compensating.Messages)).Command);

        var cancelled = run.Apply(SampleOrder.PaymentRefunded);

        Assert.Equal(OrderSagaStatus.Cancelled, cancelled.State?.Status);
        Assert.Equal(new OrderCancelled(SampleOrder.Id, "Stock reservation timed out"), Assert.Single(run.Published));
    }

    [Fact]
    public void Shipment_deadline_releases_and_refunds_then_cancels()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized, SampleOrder.StockReserved);

        var compensating = run.ExpireDeadline();

        Assert.Equal(OrderSagaStatus.Compensating, compensating.State?.Status);
        Assert.Equal(
            [typeof(RefundPayment), typeof(ReleaseStock)],
            compensating.Messages.Cast<SendCommand>().Select(m => m.Command.GetType()));

        run.Apply(SampleOrder.StockReleased);
        Assert.Equal(OrderSagaStatus.Compensating, run.Current.Status);
        run.Apply(SampleOrder.PaymentRefunded);

        Assert.Equal(OrderSagaStatus.Cancelled, run.Current.Status);
        Assert.Equal(new OrderCancelled(SampleOrder.Id, "Shipment scheduling timed out"), Assert.Single(run.Published));
    }

    [Fact]
    public void A_deadline_at_exactly_the_deadline_counts_as_expired()
    {
        var run = OrderSagaRun.Through();
        var deadline = run.Current.DeadlineAt!.Value;

        var decision = run.Apply(new DeadlineExpired(SampleOrder.Id, deadline));

        Assert.Equal(OrderSagaStatus.Cancelled, decision.State?.Status);
    }

    [Fact]
    public void A_stale_deadline_of_an_earlier_step_is_ignored()
    {
        var run = OrderSagaRun.Through();
        var paymentDeadline = run.Current.DeadlineAt!.Value;
        run.Advance(TimeSpan.FromSeconds(10)).Apply(SampleOrder.PaymentAuthorized);

        // The watcher saw the payment deadline pass just as the payment came back.
        run.Advance(paymentDeadline - run.Now);
        var decision = run.Apply(new DeadlineExpired(SampleOrder.Id, paymentDeadline));

        Assert.Same(SagaDecision.None, decision);
        Assert.Equal(OrderSagaStatus.AwaitingStock, run.Current.Status);
    }

    [Fact]
    public void A_deadline_before_the_current_one_is_ignored()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized);

        var decision = run.Apply(new DeadlineExpired(SampleOrder.Id, run.Current.DeadlineAt!.Value.AddTicks(-1)));

        Assert.Same(SagaDecision.None, decision);
    }

    public static TheoryData<string> SettledSagas => ["confirmed", "declined", "compensating"];

    [Theory]
    [MemberData(nameof(SettledSagas))]
    public void A_deadline_without_a_step_awaited_is_ignored(string settled)
    {
        var run = settled switch
        {
            "confirmed" => OrderSagaRun.Through(SampleOrder.PaymentAuthorized, SampleOrder.StockReserved, SampleOrder.ShipmentScheduled),
            "declined" => OrderSagaRun.Through(SampleOrder.PaymentDeclined),
            _ => OrderSagaRun.Through(SampleOrder.PaymentAuthorized, SampleOrder.StockUnavailable),
        };

        var decision = run.Apply(new DeadlineExpired(SampleOrder.Id, DateTimeOffset.MaxValue));

        Assert.Same(SagaDecision.None, decision);
    }

    [Fact]
    public void A_payment_authorized_after_the_payment_timed_out_is_refunded_once()
    {
        var run = OrderSagaRun.Through();
        run.ExpireDeadline();

        var late = run.Apply(SampleOrder.PaymentAuthorized);

        var state = Assert.IsType<OrderSagaState>(late.State);
        Assert.Equal(OrderSagaStatus.Cancelled, state.Status);
        Assert.Equal("pay-1", state.PaymentId);
        var refund = Assert.IsType<SendCommand>(Assert.Single(late.Messages));
        Assert.Equal(new RefundPayment(SampleOrder.Id, "pay-1", 59.90m, "EUR"), refund.Command);

        Assert.Same(SagaDecision.None, run.Apply(SampleOrder.PaymentAuthorized));
        var refunded = run.Apply(SampleOrder.PaymentRefunded);

        Assert.True(refunded.State?.Refunded);
        Assert.Empty(refunded.Messages);
        Assert.Single(run.Commands, c => c is RefundPayment);
        Assert.Single(run.Published);
        Assert.DoesNotContain(run.Commands, c => c is ReserveStock);
    }

    [Fact]
    public void A_stock_reserved_after_the_stock_timed_out_is_released_and_the_cancel_waits_for_it()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized);
        run.ExpireDeadline();

        var late = run.Apply(SampleOrder.StockReserved);

        Assert.Equal(OrderSagaStatus.Compensating, late.State?.Status);
        Assert.Equal(new ReleaseStock(SampleOrder.Id, "res-1"), Assert.IsType<SendCommand>(Assert.Single(late.Messages)).Command);

        run.Apply(SampleOrder.PaymentRefunded);
        Assert.Equal(OrderSagaStatus.Compensating, run.Current.Status);
        Assert.Empty(run.Published);

        run.Apply(SampleOrder.StockReleased);
        Assert.Equal(OrderSagaStatus.Cancelled, run.Current.Status);
        Assert.Single(run.Published);
        Assert.DoesNotContain(run.Commands, c => c is ScheduleShipment);
    }

    [Fact]
    public void A_stock_reserved_after_the_cancel_is_released_once_without_a_second_outcome()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized);
        run.ExpireDeadline();
        run.Apply(SampleOrder.PaymentRefunded);

        var late = run.Apply(SampleOrder.StockReserved);

        Assert.Equal(OrderSagaStatus.Cancelled, late.State?.Status);
        Assert.IsType<ReleaseStock>(Assert.IsType<SendCommand>(Assert.Single(late.Messages)).Command);
        Assert.Same(SagaDecision.None, run.Apply(SampleOrder.StockReserved));
        Assert.Empty(run.Apply(SampleOrder.StockReleased).Messages);
        Assert.True(run.Current.Released);
        Assert.Single(run.Published);
    }

    [Fact]
    public void A_shipment_scheduled_after_the_shipment_timed_out_is_recorded_without_confirming()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized, SampleOrder.StockReserved);
        run.ExpireDeadline();

        var late = run.Apply(SampleOrder.ShipmentScheduled);

        Assert.Equal(OrderSagaStatus.Compensating, late.State?.Status);
        Assert.Equal("ship-1", late.State?.ShipmentId);
        Assert.Empty(late.Messages);

        run.Apply(SampleOrder.PaymentRefunded);
        run.Apply(SampleOrder.StockReleased);
        Assert.Equal(OrderSagaStatus.Cancelled, run.Current.Status);
        Assert.IsType<OrderCancelled>(Assert.Single(run.Published));
    }

    public static TheoryData<int, IOrderEvent> LateFailures => new()
    {
        { 0, SampleOrder.PaymentDeclined },
        { 1, SampleOrder.StockUnavailable },
        { 2, SampleOrder.ShipmentFailed },
    };

    [Theory]
    [MemberData(nameof(LateFailures))]
    public void A_failure_after_its_step_timed_out_changes_nothing(int stepsDone, IOrderEvent failure)
    {
        var run = OrderSagaRun.Through(new object[] { SampleOrder.PaymentAuthorized, SampleOrder.StockReserved }.Take(stepsDone).ToArray());
        run.ExpireDeadline();

        Assert.Same(SagaDecision.None, run.Apply(failure));
    }
}
