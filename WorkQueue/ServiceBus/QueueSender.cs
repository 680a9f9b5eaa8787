using Amqp;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>A sender link to one queue. Awaited sends complete when the broker settled them (Accepted) or throw.</summary>
internal sealed class QueueSender(SenderLink link) : ILinkHandle
{
    public bool IsClosed => link.IsClosedOrClosing();

    public async Task SendAsync(Message message)
    {
        await link.SendAsync(message);
        await Task.Yield(); // AMQPNetLite completes the send on its I/O thread; never continue there
    }

    /// <summary>Pipelines the messages on the link and waits for every outcome (transfers keep their order on a link).</summary>
    public async Task SendAllAsync(IReadOnlyList<Message> messages)
    {
        var sends = messages.Select(link.SendAsync).ToList();
        try
        {
            await Task.WhenAll(sends);
        }
        finally
        {
            await Task.Yield();
        }
    }

    public async Task CloseAsync()
    {
        await link.CloseAsync();
        await Task.Yield();
    }
}
