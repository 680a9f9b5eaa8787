using Amqp;
using Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Receiving under a lock, from the queue and from its dead-letter queue.</summary>
public sealed partial class AmqpWorkQueue
{
    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        ReceiveFromAsync(SubQueue.Active, maxMessages, maxWait, cancellationToken);

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveDeadLettersAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        ReceiveFromAsync(SubQueue.DeadLetter, maxMessages, maxWait, cancellationToken);

    private async Task<IReadOnlyList<ReceivedMessage>> ReceiveFromAsync(
        SubQueue subQueue, int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        var deadline = _time.GetUtcNow() + maxWait;
        var receiver = await ReceiverAsync(subQueue, cancellationToken);
        IReadOnlyList<Message> deliveries;
        try
        {
            deliveries = await receiver.ReceiveAsync(maxMessages, maxWait, cancellationToken);
        }
        catch (AmqpException ex) when (receiver.IsClosed)
        {
            // The link went away while waiting (its deliveries return to the queue). Wait out the rest on a new one, on a
            // new connection if need be: an empty answer means no message came, never "the link broke". When the broker
            // cannot be reached, or the new link breaks too, the caller gets the error (and backs off).
            _logger.LogWarning(ex, "The receiver of {Queue} closed while receiving; receiving on a new link", Name);
            var remaining = deadline - _time.GetUtcNow();
            receiver = await ReceiverAsync(subQueue, cancellationToken);
            deliveries = await receiver.ReceiveAsync(maxMessages, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken);
        }

        return deliveries.Select(delivery => Hold(delivery, receiver, subQueue)).ToList();
    }

    private ReceivedMessage Hold(Message delivery, CreditedReceiver receiver, SubQueue subQueue)
    {
        // Service Bus's lock token is the delivery tag (a GUID), which renew-lock names; RabbitMQ's tag is a counter.
        var lockToken = _dialect.DeliveryTagIsLockToken && delivery.DeliveryTag is { Length: 16 } tag
            ? new Guid(tag).ToString()
            : Guid.NewGuid().ToString();
        var received = AmqpMessageReader.Read(delivery, subQueue, lockToken, _time.GetUtcNow() + _options.LockDuration);
        _held.Hold(new HeldDelivery(lockToken, delivery, receiver, subQueue) { LockedUntil = received.LockedUntil!.Value }, OnLockExpired);
        return received;
    }

    /// <summary>
    /// Service Bus unlocks an expired delivery itself; on RabbitMQ the adapter's lock ran out, so it releases the delivery
    /// (the quorum queue counts the return toward its delivery limit, as Service Bus counts a lock expiry).
    /// </summary>
    private void OnLockExpired(HeldDelivery delivery)
    {
        if (_dialect.AdapterExpiresLocks)
        {
            delivery.Receiver.TrySettle(delivery.Message, new Released());
        }
    }
}
