using EdaAspire.Web.Dashboard.Orders.Live;

namespace EdaAspire.DashboardTests.Live;

public sealed class OrderUpdatesTests
{
    private readonly OrderUpdates _updates = new();

    [Fact]
    public void Every_subscriber_gets_its_own_copy_of_what_its_filter_admits()
    {
        var mine = Guid.NewGuid();
        using var all = _updates.Subscribe();
        using var one = _updates.Subscribe(u => u.OrderId == mine);

        _updates.Publish([Update(mine), Update(Guid.NewGuid())]);

        Assert.Equal(2, Drain(all).Count);
        Assert.Equal([mine], Drain(one).Select(u => u.OrderId));
    }

    [Fact]
    public void Disposing_a_subscription_unsubscribes_it()
    {
        var subscription = _updates.Subscribe();
        Assert.Equal(1, _updates.SubscriberCount);

        subscription.Dispose();
        _updates.Publish([Update(Guid.NewGuid())]);

        Assert.Equal(0, _updates.SubscriberCount);
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void A_subscriber_that_falls_behind_loses_its_oldest_updates_and_never_blocks_the_publisher()
    {
        using var slow = _updates.Subscribe();
        var published = Enumerable.Range(0, OrderUpdates.QueueCapacity + 10).Select(_ => Update(Guid.NewGuid())).ToList();

        _updates.Publish(published);

        var kept = Drain(slow);
        Assert.Equal(OrderUpdates.QueueCapacity, kept.Count);
        Assert.Equal(published[^1], kept[^1]);
        Assert.Equal(published[10], kept[0]);
    }

    private static OrderUpdate Update(Guid orderId) =>
        new(orderId, Guid.NewGuid().ToString(), "shop.order.confirmed.v1", DateTimeOffset.UtcNow);

    private static List<OrderUpdate> Drain(OrderUpdateSubscription subscription)
    {
        var drained = new List<OrderUpdate>();
        while (subscription.Reader.TryRead(out var update))
        {
            drained.Add(update);
        }

        return drained;
    }
}
