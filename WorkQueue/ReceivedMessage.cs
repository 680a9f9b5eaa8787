namespace EdaAspire.WorkQueue;

/// <summary>
/// A message as the queue handed it out: the sent fields plus what the broker added. A received message
/// carries a lock (<see cref="LockToken"/>) that settles it; a peeked one has none.
/// </summary>
public sealed record ReceivedMessage : QueueMessage
{
    /// <summary>Assigned by the queue on enqueue; unique within the queue and increasing in send order.</summary>
    public required long SequenceNumber { get; init; }

    /// <summary>1 on the first delivery; every abandon or lock expiry adds one on the next delivery.</summary>
    public required int DeliveryCount { get; init; }

    public required DateTimeOffset EnqueuedTime { get; init; }

    public required SubQueue SubQueue { get; init; }

    /// <summary>The lock of this delivery; <see langword="null"/> for a peeked message. Opaque to callers.</summary>
    public string? LockToken { get; init; }

    /// <summary>Until when this delivery's lock holds (may be extended by renewing it); <see langword="null"/> when peeked.</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Why the message was dead-lettered (for example <see cref="DeadLetterReasons.MaxDeliveryCountExceeded"/>).</summary>
    public string? DeadLetterReason { get; init; }

    public string? DeadLetterDescription { get; init; }
}
