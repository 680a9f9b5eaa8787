using Amqp;
using Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Settling a held delivery (complete, abandon, dead-letter) and renewing its lock.</summary>
public sealed partial class AmqpWorkQueue
{
    /// <summary>Service Bus renews a lock this long before it runs out while a delayed abandon holds the delivery.</summary>
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromSeconds(2);

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default) =>
        SettleAsync(message, DeliveryOutcomes.Complete());

    /// <summary>
    /// Without a delay: Modified(delivery-failed) on Service Bus, Released on RabbitMQ. With one: AMQP has no delayed
    /// abandon, so the adapter keeps holding the delivery (renewing a Service Bus lock as needed) and abandons it when the
    /// delay has passed; until then no consumer gets it. If this process dies meanwhile, it comes back sooner.
    /// </summary>
    public Task AbandonAsync(ReceivedMessage message, TimeSpan retryDelay = default, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryDelay, TimeSpan.Zero);
        if (retryDelay == TimeSpan.Zero)
        {
            return SettleAsync(message, DeliveryOutcomes.Abandon(_dialect));
        }

        var held = Take(message);
        var abandoning = AbandonLaterAsync(held, retryDelay);
        _delayedAbandons[abandoning] = true;
        _ = abandoning.ContinueWith(done => _delayedAbandons.TryRemove(done, out _), TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (message.SubQueue == SubQueue.DeadLetter)
        {
            throw new InvalidOperationException($"Message {message.SequenceNumber} of queue '{Name}' is a dead letter already.");
        }

        return SettleAsync(message, DeliveryOutcomes.DeadLetter(reason, description));
    }

    public async Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        var lockToken = RequireLockToken(message);
        if (!_held.TryGet(lockToken, out var held) || held.Receiver.IsClosed)
        {
            throw LockLost(message);
        }

        try
        {
            var lockedUntil = await RenewAsync(held, cancellationToken);
            return _held.Extend(lockToken, lockedUntil) ? lockedUntil : throw LockLost(message);
        }
        catch (LockGoneException)
        {
            _held.TryTake(lockToken, out _);
            throw LockLost(message);
        }
    }

    /// <summary>Service Bus: the renew-lock operation on the entity's $management node. RabbitMQ: the adapter's own lock.</summary>
    private async Task<DateTimeOffset> RenewAsync(HeldDelivery held, CancellationToken cancellationToken)
    {
        if (!_dialect.IsServiceBus)
        {
            return _time.GetUtcNow() + _options.LockDuration;
        }

        var management = await ManagementLinkAsync(held.SubQueue, cancellationToken);
        var response = await management.RequestAsync(
            ManagementRequests.RenewLock(Guid.Parse(held.LockToken), held.Receiver.Name), cancellationToken);
        return ManagementRequests.RenewedUntil(response);
    }

    private Task SettleAsync(ReceivedMessage message, Outcome outcome)
    {
        var held = Take(message);
        return held.Receiver.TrySettle(held.Message, outcome) ? Task.CompletedTask : throw LockLost(message);
    }

    /// <summary>Takes the delivery out of the held set, so it is settled once; a missing one has lost its lock.</summary>
    private HeldDelivery Take(ReceivedMessage message)
    {
        var lockToken = RequireLockToken(message);
        if (!_held.TryTake(lockToken, out var held) || held.Receiver.IsClosed)
        {
            throw LockLost(message);
        }

        // Its expiry timer may not have fired yet (a busy machine): the lock has run out all the same.
        if (held.LockedUntil <= _time.GetUtcNow())
        {
            OnLockExpired(held);
            throw LockLost(message);
        }

        return held;
    }

    private string RequireLockToken(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.LockToken
            ?? throw new InvalidOperationException($"Message {message.SequenceNumber} of queue '{Name}' was peeked: it holds no lock to settle.");
    }

    private async Task AbandonLaterAsync(HeldDelivery held, TimeSpan retryDelay)
    {
        await Task.Yield();
        var due = _time.GetUtcNow() + retryDelay;
        try
        {
            while (_time.GetUtcNow() < due)
            {
                var renewAt = _dialect.IsServiceBus ? held.LockedUntil - RenewalMargin : DateTimeOffset.MaxValue;
                var wakeAt = renewAt < due ? renewAt : due;
                var wait = wakeAt - _time.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, _disposing.Token);
                if (_time.GetUtcNow() < due)
                {
                    held.LockedUntil = await RenewAsync(held, _disposing.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            // Shutting down: abandon now.
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not keep the lock of a delayed abandon on queue {Queue}; abandoning now", Name);
        }

        held.Receiver.TrySettle(held.Message, DeliveryOutcomes.Abandon(_dialect));
    }
}
