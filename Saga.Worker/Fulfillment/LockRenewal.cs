using EdaAspire.WorkQueue;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// Keeps a delivery's lock while its handler works: renews it each time half of it has run out, until disposed.
/// A handler faster than half the lock never renews at all.
/// </summary>
internal sealed class LockRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    private LockRenewal(IWorkQueue queue, ReceivedMessage message, TimeProvider time, ILogger logger) =>
        _renewing = message.LockedUntil is { } lockedUntil
            ? RenewAsync(queue, message, lockedUntil, time, logger, _stop.Token)
            : Task.CompletedTask;

    public static LockRenewal Start(IWorkQueue queue, ReceivedMessage message, TimeProvider time, ILogger logger) =>
        new(queue, message, time, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
    }

    private static async Task RenewAsync(
        IWorkQueue queue, ReceivedMessage message, DateTimeOffset lockedUntil, TimeProvider time, ILogger logger, CancellationToken stop)
    {
        // The lock as granted on receipt; every renewal grants the same span again.
        var half = (lockedUntil - time.GetUtcNow()) / 2;
        if (half <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            while (true)
            {
                var wait = lockedUntil - half - time.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stop);
                lockedUntil = await queue.RenewLockAsync(message, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The handler finished.
        }
        catch (Exception ex)
        {
            // The lock runs out: the message is delivered again, and the settlement of this delivery reports the lost lock.
            logger.LogWarning(ex, "Could not renew the lock on message {MessageId} of queue {Queue}", message.MessageId, queue.Name);
        }
    }
}
