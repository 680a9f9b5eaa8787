using Amqp;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Sending: single messages and batches.</summary>
public sealed partial class AmqpWorkQueue
{
    public Task SendAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync([message], cancellationToken);
    }

    /// <summary>
    /// Every message is checked and encoded before anything is sent, so an invalid one sends none. On Service Bus a batch is
    /// one transfer (all or none); on RabbitMQ the messages are pipelined on one link and only each one is atomic.
    /// </summary>
    public async Task SendAsync(IReadOnlyCollection<QueueMessage> messages, CancellationToken cancellationToken = default)
    {
        QueueMessage.ValidateAll(messages);

        if (messages.Count == 0)
        {
            return;
        }

        var encoded = Encode(messages); // throws NotSupportedException for a schedule RabbitMQ cannot keep, before sending
        var sender = await SenderAsync(cancellationToken);
        try
        {
            await SendOnAsync(sender, encoded);
        }
        catch (AmqpException) when (sender.IsClosed)
        {
            // The link or connection went away under the send: once more on a new one. A message the broker took before
            // the loss arrives twice, which receivers tolerate (at-least-once, idempotent consumers).
            await SendOnAsync(await SenderAsync(cancellationToken), Encode(messages));
        }
    }

    private List<Message> Encode(IReadOnlyCollection<QueueMessage> messages) =>
        messages.Select(m => AmqpMessageWriter.Write(m, _dialect, _time)).ToList();

    private Task SendOnAsync(QueueSender sender, List<Message> encoded) => encoded.Count switch
    {
        1 => sender.SendAsync(encoded[0]),
        _ when _dialect.IsServiceBus => sender.SendAsync(AmqpMessageWriter.Batch(encoded)),
        _ => sender.SendAllAsync(encoded),
    };
}
