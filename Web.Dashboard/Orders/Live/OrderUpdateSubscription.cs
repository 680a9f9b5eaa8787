using System.Threading.Channels;

namespace EdaAspire.Web.Dashboard.Orders.Live;

/// <summary>One subscriber's queue of order updates; disposing it unsubscribes.</summary>
public sealed class OrderUpdateSubscription(ChannelReader<OrderUpdate> reader, Action unsubscribe) : IDisposable
{
    private int _disposed;

    public ChannelReader<OrderUpdate> Reader { get; } = reader;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            unsubscribe();
        }
    }
}
