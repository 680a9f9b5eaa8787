namespace EdaAspire.WorkQueue;

/// <summary>A queue's settings; the defaults are Service Bus's.</summary>
public sealed record WorkQueueOptions
{
    public required string QueueName { get; init; }

    /// <summary>How long a received message stays hidden from other consumers unless its lock is renewed.</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many deliveries an abandoned or lock-expired message goes to the dead-letter queue.</summary>
    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>A message whose id was sent within this window before is dropped.</summary>
    public TimeSpan DuplicateDetectionWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a waiting receive looks for new messages (adapters without push delivery); an idle poll costs a read.</summary>
    public TimeSpan ReceivePollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest pause between polls: a waiting receive doubles its pause with each empty poll up to this, so an idle
    /// queue costs few reads, and a message sent to it waits at most this long.
    /// </summary>
    public TimeSpan MaxReceivePollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Messages a broker client may fetch ahead of a receive (Service Bus's PrefetchCount). 0 by default: a prefetched
    /// message's lock runs while it waits in the buffer. The SQLite adapter has nothing to prefetch.
    /// </summary>
    public int PrefetchCount { get; init; }

    /// <summary>Rejects settings a broker would reject, before anything is created.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(QueueName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LockDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDeliveryCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(DuplicateDetectionWindow, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReceivePollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReceivePollInterval, ReceivePollInterval);
        ArgumentOutOfRangeException.ThrowIfNegative(PrefetchCount);
    }
}
