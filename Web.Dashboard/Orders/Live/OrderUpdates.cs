using System.Collections.Immutable;
using System.Threading.Channels;

namespace EdaAspire.Web.Dashboard.Orders.Live;

/// <summary>
/// The in-process fan-out of order updates from the dashboard's own Kafka subscription to every open page.
/// Each subscriber has its own bounded queue: a slow circuit loses its oldest notifications (it re-reads the
/// read model anyway, and its fallback refresh catches up) and never holds back the consumer or other pages.
/// </summary>
public sealed class OrderUpdates
{
    public const int QueueCapacity = 1024;

    private ImmutableArray<Subscriber> _subscribers = [];

    public int SubscriberCount => _subscribers.Length;

    /// <summary>Hands the updates to every subscriber whose filter admits them; never blocks.</summary>
    public void Publish(IReadOnlyCollection<OrderUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        foreach (var subscriber in _subscribers)
        {
            foreach (var update in updates)
            {
                if (subscriber.Admits(update))
                {
                    subscriber.Queue.Writer.TryWrite(update);
                }
            }
        }
    }

    /// <param name="filter">Which updates this subscriber wants (e.g. one order's); null for all of them.</param>
    /// <returns>The subscriber's queue; dispose it to unsubscribe.</returns>
    public OrderUpdateSubscription Subscribe(Func<OrderUpdate, bool>? filter = null)
    {
        var subscriber = new Subscriber(filter, Channel.CreateBounded<OrderUpdate>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }));
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscriber));
        return new OrderUpdateSubscription(subscriber.Queue.Reader, () =>
        {
            ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(subscriber));
            subscriber.Queue.Writer.TryComplete();
        });
    }

    // A class, not a record: a subscriber is removed by identity.
    private sealed class Subscriber(Func<OrderUpdate, bool>? filter, Channel<OrderUpdate> queue)
    {
        public Channel<OrderUpdate> Queue { get; } = queue;

        public bool Admits(OrderUpdate update) => filter?.Invoke(update) ?? true;
    }
}
