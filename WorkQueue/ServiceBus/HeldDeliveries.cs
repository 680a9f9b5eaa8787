using System.Collections.Concurrent;
using Amqp;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>A delivery handed to a caller and not settled yet: what settling it needs, and until when its lock holds.</summary>
internal sealed class HeldDelivery(string lockToken, Message message, CreditedReceiver receiver, SubQueue subQueue)
{
    public string LockToken { get; } = lockToken;

    public Message Message { get; } = message;

    public CreditedReceiver Receiver { get; } = receiver;

    public SubQueue SubQueue { get; } = subQueue;

    public DateTimeOffset LockedUntil { get; set; }

    public ITimer? Expiry { get; set; }
}

/// <summary>
/// The deliveries this adapter holds, by lock token. Taking one out is what settles it exactly once: a second settlement,
/// or one after the lock ran out, finds nothing and reports the lock lost.
/// </summary>
internal sealed class HeldDeliveries(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HeldDelivery> _held = new(StringComparer.Ordinal);

    /// <summary>Holds the delivery until <see cref="HeldDelivery.LockedUntil"/>; then <paramref name="onExpired"/> gets it.</summary>
    public void Hold(HeldDelivery delivery, Action<HeldDelivery> onExpired)
    {
        var lockToken = delivery.LockToken;
        _held[lockToken] = delivery;
        delivery.Expiry = time.CreateTimer(_ =>
        {
            if (TryTake(lockToken, out var expired))
            {
                onExpired(expired);
            }
        }, null, Until(delivery.LockedUntil), Timeout.InfiniteTimeSpan);
    }

    public bool TryGet(string lockToken, out HeldDelivery delivery) => _held.TryGetValue(lockToken, out delivery!);

    public bool TryTake(string lockToken, out HeldDelivery delivery)
    {
        if (!_held.TryRemove(lockToken, out delivery!))
        {
            return false;
        }

        delivery.Expiry?.Dispose();
        return true;
    }

    /// <summary>Moves the lock's expiry; false when the delivery is no longer held.</summary>
    public bool Extend(string lockToken, DateTimeOffset lockedUntil)
    {
        if (!_held.TryGetValue(lockToken, out var delivery))
        {
            return false;
        }

        delivery.LockedUntil = lockedUntil;
        return delivery.Expiry?.Change(Until(lockedUntil), Timeout.InfiniteTimeSpan) ?? true;
    }

    /// <summary>Every held delivery, taken out (on dispose).</summary>
    public IReadOnlyList<HeldDelivery> TakeAll() =>
        _held.Keys.Select(token => TryTake(token, out var delivery) ? delivery : null).OfType<HeldDelivery>().ToList();

    private TimeSpan Until(DateTimeOffset moment)
    {
        var wait = moment - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
