using EdaAspire.Contracts.Orders;
using EdaAspire.Saga.Worker.Orders;

namespace EdaAspire.UnitTests.Saga;

public class OrderSagaIdempotencyTests
{
    [Fact]
    public void A_redelivered_placement_changes_nothing()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized);

        Assert.Same(SagaDecision.None, run.Apply(SampleOrder.Placed));
        Assert.Equal(OrderSagaStatus.AwaitingStock, run.Current.Status);
    }

    public static TheoryData<int> Steps => [1, 2, 3];

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_redelivered_step_result_changes_nothing(int steps)
    {
        object[] results = [SampleOrder.PaymentAuthorized, SampleOrder.StockReserved, SampleOrder.ShipmentScheduled];
        var run = OrderSagaRun.Through(results.Take(steps).ToArray());
        var before = run.Current;

        foreach (var result in results.Take(steps))
        {
            Assert.Same(SagaDecision.None, run.Apply(result));
        }

        Assert.Same(before, run.Current);
    }

    [Fact]
    public void A_redelivered_compensation_result_changes_nothing()
    {
        var run = OrderSagaRun.Through(SampleOrder.PaymentAuthorized, SampleOrder.StockReserved, SampleOrder.ShipmentFailed, SampleOrder.PaymentRefunded);

        Assert.Same(SagaDecision.None, run.Apply(SampleOrder.PaymentRefunded));
        Assert.Equal(OrderSagaStatus.Compensating, run.Current.Status);

        run.Apply(SampleOrder.StockReleased);
        Assert.Same(SagaDecision.None, run.Apply(SampleOrder.StockReleased));
        Assert.Same(SagaDecision.None, run.Apply(SampleOrder.PaymentRefunded));
        Assert.Single(run.Published);
    }

    [Fact]
    public void The_sagas_own_outcomes_read_back_from_the_topic_change_nothing()
    {
        var confirmed = OrderSagaRun.Through(SampleOrder.PaymentAuthorized, SampleOrder.StockReserved, SampleOrder.ShipmentScheduled);
        var cancelled = OrderSagaRun.Through(SampleOrder.PaymentDeclined);

        foreach (var run in new[] { confirmed, cancelled })
        {
            foreach (var outcome in run.Published.ToList())
            {
                Assert.Same(SagaDecision.None, run.Apply(outcome));
            }

            Assert.Single(run.Published);
        }
    }

    [Fact]
    public void Results_out_of_order_change_nothing()
    {
        var run = OrderSagaRun.Through();

        IOrderEvent[] premature = [SampleOrder.StockReserved, SampleOrder.StockUnavailable, SampleOrder.ShipmentScheduled, SampleOrder.ShipmentFailed];
        foreach (var result in premature)
        {
            Assert.Same(SagaDecision.None, run.Apply(result));
        }

        run.Apply(SampleOrder.PaymentAuthorized);
        Assert.Same(SagaDecision.None, run.Apply(SampleOrder.PaymentDeclined));
        Assert.Same(SagaDecision.None, run.Apply(SampleOrder.ShipmentScheduled));
        Assert.Equal(OrderSagaStatus.AwaitingStock, run.Current.Status);
    }

    [Fact]
    public void Events_for_an_order_without_a_saga_change_nothing()
    {
        var saga = new OrderSaga();

        Assert.Same(SagaDecision.None, saga.Handle(null, SampleOrder.PaymentAuthorized, SampleOrder.PlacedAt));
        Assert.Same(SagaDecision.None, saga.Handle(null, new DeadlineExpired(SampleOrder.Id, SampleOrder.PlacedAt), SampleOrder.PlacedAt));
    }

    [Fact]
    public void Replaying_the_same_inputs_yields_the_same_messages_and_ids()
    {
        object[] inputs = [SampleOrder.PaymentAuthorized, SampleOrder.StockReserved, SampleOrder.ShipmentFailed, SampleOrder.StockReleased, SampleOrder.PaymentRefunded];

        var first = OrderSagaRun.Through(inputs);
        var replay = OrderSagaRun.Through(inputs);

        Assert.Equal(first.Sent, replay.Sent);
        Assert.Equal(
            ["authorize-payment", "reserve-stock", "schedule-shipment", "refund-payment", "release-stock", "cancelled"],
            first.Sent.Select(m => m.MessageId.Replace(SampleOrder.IdPrefix, "", StringComparison.Ordinal)));
    }

    [Fact]
    public void Message_ids_depend_on_the_order_not_on_the_time()
    {
        var saga = new OrderSaga();
        var other = SampleOrder.Placed with { OrderId = Guid.NewGuid() };

        var early = saga.Handle(null, SampleOrder.Placed, SampleOrder.PlacedAt).Messages.Single().MessageId;
        var late = saga.Handle(null, SampleOrder.Placed, SampleOrder.PlacedAt.AddHours(1)).Messages.Single().MessageId;
        var ofOther = saga.Handle(null, other, SampleOrder.PlacedAt).Messages.Single().MessageId;

        Assert.Equal(early, late);
        Assert.NotEqual(early, ofOther);
    }

    [Fact]
    public void Version_increments_by_one_on_every_change_and_never_on_an_ignored_input()
    {
        var run = new OrderSagaRun();
        object[] inputs =
        [
            SampleOrder.Placed, SampleOrder.Placed, SampleOrder.PaymentAuthorized, SampleOrder.PaymentAuthorized,
            SampleOrder.StockReserved, SampleOrder.ShipmentFailed, SampleOrder.ShipmentFailed,
            SampleOrder.PaymentRefunded, SampleOrder.StockReleased, new OrderCancelled(SampleOrder.Id, "x"),
        ];

        var versions = inputs.Select(input => (run.Apply(input).Changes, run.Current.Version)).ToList();

        Assert.Equal(
            [(true, 1), (false, 1), (true, 2), (false, 2), (true, 3), (true, 4), (false, 4), (true, 5), (true, 6), (false, 6)],
            versions);
    }

    [Fact]
    public void Input_of_another_order_or_of_another_kind_is_rejected()
    {
        var run = OrderSagaRun.Through();
        var saga = new OrderSaga();

        Assert.Throws<ArgumentException>(() => saga.Handle(run.Current, SampleOrder.PaymentAuthorized with { OrderId = Guid.NewGuid() }, run.Now));
        Assert.Throws<ArgumentException>(() => saga.Handle(run.Current, "not an event", run.Now));
    }
}
