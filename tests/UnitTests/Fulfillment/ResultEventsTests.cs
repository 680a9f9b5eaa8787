using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Saga.Worker.Fulfillment;

namespace EdaAspire.UnitTests.Fulfillment;

public class ResultEventsTests
{
    private static readonly Guid Order = Guid.Parse("7b0e4c1a-2f3d-4e5a-8b6c-9d0e1f2a3b4c");
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_result_is_keyed_by_order_caused_by_the_command_and_named_after_it()
    {
        var outgoing = ResultEvents.For(new StockReserved(Order, "res-1"), "cmd-1", At);

        Assert.Equal(Order.ToString(), outgoing.Key);
        var envelope = outgoing.Envelope;
        Assert.Equal(DeterministicId.Create("cmd-1:result").ToString(), envelope.Id);
        Assert.Equal("shop.order.stock_reserved.v1", envelope.Type);
        Assert.Equal("urn:edaaspire:fulfillment", envelope.Source);
        Assert.Equal((Order.ToString(), Order.ToString(), "cmd-1"), (envelope.Subject, envelope.CorrelationId, envelope.CausationId));
        Assert.Equal(new StockReserved(Order, "res-1"), OrderEventCatalog.Instance.Read(envelope.Type, envelope.Data));
    }

    [Fact]
    public void A_redelivered_command_republishes_the_same_event_and_another_command_a_different_one()
    {
        var first = ResultEvents.For(new StockReleased(Order, "res-1"), "cmd-1", At);
        var again = ResultEvents.For(new StockReleased(Order, "res-1"), "cmd-1", At.AddMinutes(1));
        var other = ResultEvents.For(new StockReleased(Order, "res-1"), "cmd-2", At);

        Assert.Equal(first.Envelope.Id, again.Envelope.Id);
        Assert.Equal(first.Envelope.Data.ToArray(), again.Envelope.Data.ToArray());
        Assert.NotEqual(first.Envelope.Id, other.Envelope.Id);
    }
}
