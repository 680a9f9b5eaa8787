using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Saga.Worker.Orders;

namespace EdaAspire.UnitTests.Saga;

public class OrderSagaCompensationTests
{
    [Fact]
    public void Payment_declined_cancels_at_once_with_nothing_to_compensate()
    {
        var run = OrderSagaRun.Through();

        var decision = run.Apply(SampleOrder.PaymentDeclined);

        var state = Assert.IsType<OrderSagaState>(decision.State);
        Assert.Equal(OrderSagaStatus.Cancelled, state.Status);
        Assert.Equal("Payment declined: insufficient funds", state.CancelReason);
        Assert.Equal(run.Now, state.CompletedAt);
        Assert.Null(state.DeadlineAt);
        Assert.False(state.RefundRequested || state.ReleaseRequested);
        var publish = Assert.IsType<PublishEvent>(Assert.Single(decision.Messages));
        Assert.Equal(new OrderCancelled(SampleOrder.Id, "Payment declined: insufficient funds"), publish.Event);
        Assert.Equal($"{SampleOrder.Id:N}/cancelled", publish.MessageId);
    }

    [Fact]
    public void Stock_unavailable_refunds_the_payment_and_cancels_once_refunded()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized);

        var compensating = run.Apply(SampleOrder.StockUnavailable);

        Assert.Equal(OrderSagaStatus.Compensating, compensating.State?.Status);
        Assert.Null(compensating.State?.DeadlineAt);
        var refund = Assert.IsType<SendCommand>(Assert.Single(compensating.Messages));
        Assert.Equal(new RefundPayment(SampleOrder.Id, "pay-1", 59.90m, "EUR"), refund.Command);
        Assert.Equal($"{SampleOrder.Id:N}/refund-payment", refund.MessageId);

        var cancelled = run.Apply(SampleOrder.PaymentRefunded);

        Assert.Equal(OrderSagaStatus.Cancelled, cancelled.State?.Status);
        Assert.True(cancelled.State?.Refunded);
        var publish = Assert.IsType<PublishEvent>(Assert.Single(cancelled.Messages));
        Assert.Equal(new OrderCancelled(SampleOrder.Id, "Stock unavailable: sku-2 out of stock"), publish.Event);
        Assert.DoesNotContain(run.Commands, c => c is ReleaseStock);
    }

    public static TheoryData<string> CompensationArrivalOrders => ["refund first", "release first"];

    [Theory]
    [MemberData(nameof(CompensationArrivalOrders))]
    public void Shipment_failed_releases_and_refunds_and_cancels_once_both_are_back(string arrival)
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized, SampleOrder.StockReserved);

        var compensating = run.Apply(SampleOrder.ShipmentFailed);

        Assert.Equal(OrderSagaStatus.Compensating, compensating.State?.Status);
        Assert.Equal(
            new IFulfillmentCommand[] { new RefundPayment(SampleOrder.Id, "pay-1", 59.90m, "EUR"), new ReleaseStock(SampleOrder.Id, "res-1") },
            compensating.Messages.Cast<SendCommand>().Select(m => m.Command));

        IOrderEvent[] results = arrival == "refund first"
            ? [SampleOrder.PaymentRefunded, SampleOrder.StockReleased]
            : [SampleOrder.StockReleased, SampleOrder.PaymentRefunded];

        var first = run.Apply(results[0]);
        Assert.Equal(OrderSagaStatus.Compensating, first.State?.Status);
        Assert.Empty(first.Messages);

        var second = run.Apply(results[1]);
        Assert.Equal(OrderSagaStatus.Cancelled, second.State?.Status);
        Assert.True(second.State is { Refunded: true, Released: true });
        var publish = Assert.IsType<PublishEvent>(Assert.Single(second.Messages));
        Assert.Equal(new OrderCancelled(SampleOrder.Id, "Shipment failed: address not served"), publish.Event);
    }

    [Fact]
    public void A_compensation_result_nobody_asked_for_changes_nothing()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized);

        Assert.Same(SagaDecision.None, run.Apply(SampleOrder.PaymentRefunded));
        Assert.Same(SagaDecision.None, run.Apply(SampleOrder.StockReleased));
        Assert.Equal(OrderSagaStatus.AwaitingStock, run.Current.Status);
    }
}
