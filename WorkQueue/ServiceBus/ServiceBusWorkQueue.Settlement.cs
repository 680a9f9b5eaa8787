using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Settling a held delivery and renewing its lock; the broker's MessageLockLost becomes <see cref="MessageLockLostException"/>.</summary>
public sealed partial class ServiceBusWorkQueue
{
    // A delivery never settled (its handler died) is forgotten this long after its lock ran out.
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(1);

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default) =>
        SettleAsync(message, held => held.Receiver.CompleteMessageAsync(held.Message, cancellationToken));

    /// <summary>
    /// Without a delay, the SDK's abandon (the broker counts deliveries and dead-letters at its maximum). Service Bus has
    /// no delayed abandon: a copy is scheduled for later (carrying the port's id and the deliveries so far) and this
    /// delivery completed, or at <see cref="WorkQueueOptions.MaxDeliveryCount"/> dead-lettered, as the broker would.
    /// </summary>
    public Task AbandonAsync(ReceivedMessage message, TimeSpan retryDelay = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryDelay, TimeSpan.Zero);
        if (retryDelay == TimeSpan.Zero || message.SubQueue == SubQueue.DeadLetter)
        {
            return SettleAsync(message, held => held.Receiver.AbandonMessageAsync(held.Message, cancellationToken: cancellationToken));
        }

        return message.DeliveryCount >= _options.MaxDeliveryCount
            ? DeadLetterAsync(message, DeadLetterReasons.MaxDeliveryCountExceeded, DeadLetterReasons.MaxDeliveryCountExceededDescription(_options.MaxDeliveryCount), cancellationToken)
            : SettleAsync(message, async held =>
            {
                // The copy first: a failure in between leaves both (at-least-once), never neither.
                await Sender.SendMessageAsync(ServiceBusMessages.Copy(message, message.DeliveryCount, _time.GetUtcNow() + retryDelay), cancellationToken);
                await held.Receiver.CompleteMessageAsync(held.Message, cancellationToken);
            });
    }

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return message.SubQueue == SubQueue.DeadLetter
            ? throw new InvalidOperationException($"Message {message.SequenceNumber} of queue '{Name}' is a dead letter already.")
            : SettleAsync(message, held => held.Receiver.DeadLetterMessageAsync(held.Message, reason, description, cancellationToken));
    }

    /// <summary>The SDK's renewal, which also moves the held message's LockedUntil.</summary>
    public async Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        var held = Held(message);
        try
        {
            await held.Receiver.RenewMessageLockAsync(held.Message, cancellationToken);
            return held.Message.LockedUntil;
        }
        catch (ServiceBusException ex) when (ex.Reason == ServiceBusFailureReason.MessageLockLost)
        {
            _held.TryRemove(message.LockToken!, out _);
            throw LockLost(message, ex);
        }
    }

    /// <summary>Settles once: afterwards, or once the lock is lost, the delivery is no longer held. Other errors keep it.</summary>
    private async Task SettleAsync(ReceivedMessage message, Func<HeldMessage, Task> settle)
    {
        var held = Held(message);
        try
        {
            await settle(held);
            _held.TryRemove(message.LockToken!, out _);
        }
        catch (ServiceBusException ex) when (ex.Reason == ServiceBusFailureReason.MessageLockLost)
        {
            _held.TryRemove(message.LockToken!, out _);
            throw LockLost(message, ex);
        }
    }

    private HeldMessage Held(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.LockToken is null
            ? throw new InvalidOperationException($"Message {message.SequenceNumber} of queue '{Name}' was peeked: it holds no lock to settle.")
            : _held.TryGetValue(message.LockToken, out var held) ? held : throw LockLost(message, inner: null);
    }

    private void ForgetExpiredLocks()
    {
        var cutoff = _time.GetUtcNow() - ForgetAfter;
        foreach (var (lockToken, held) in _held.Where(h => h.Value.Message.LockedUntil < cutoff))
        {
            _held.TryRemove(lockToken, out _);
        }
    }

    private MessageLockLostException LockLost(ReceivedMessage message, Exception? inner)
    {
        // Logged once, here; the message was or will be delivered again.
        _logger.LogWarning(inner, "The lock on message {SequenceNumber} of queue {Queue} was lost; it will be delivered again", message.SequenceNumber, Name);
        return new MessageLockLostException(Name, message.SequenceNumber, inner);
    }
}
