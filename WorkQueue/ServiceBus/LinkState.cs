using Amqp;

namespace EdaAspire.WorkQueue.ServiceBus;

internal static class LinkState
{
    /// <summary>Closed, or closing: a detach from the broker sets the error before AMQPNetLite reports the link closed.</summary>
    public static bool IsClosedOrClosing(this Link link) => link.IsClosed || link.Error is not null;
}
