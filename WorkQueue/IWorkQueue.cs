namespace EdaAspire.WorkQueue;

/// <summary>
/// One named queue with Service Bus semantics: at-least-once delivery to competing consumers under a peek-lock,
/// duplicate detection on send, scheduled messages, a maximum delivery count and a dead-letter queue.
/// Settling a message whose lock was lost throws <see cref="MessageLockLostException"/>.
/// </summary>
public interface IWorkQueue
{
    string Name { get; }

    /// <summary>
    /// Whether the queue honours <see cref="QueueMessage.ScheduledEnqueueTime"/> (Service Bus and the SQLite queue do;
    /// an adapter that cannot throws <see cref="NotSupportedException"/> on a scheduled send).
    /// </summary>
    bool SupportsScheduling { get; }

    /// <summary>Enqueues the message; a message id sent within the duplicate-detection window is silently dropped.</summary>
    Task SendAsync(QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Enqueues the messages all or none, in order, with the same duplicate detection as a single send.</summary>
    Task SendAsync(IReadOnlyCollection<QueueMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks and returns up to <paramref name="maxMessages"/> messages, waiting up to <paramref name="maxWait"/> for the
    /// first; an empty list when none came in time.
    /// </summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>Removes the message: it was handled.</summary>
    Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases the lock so the message is delivered again once <paramref name="retryDelay"/> has passed (backoff);
    /// at the maximum delivery count the message goes to the dead-letter queue instead.
    /// </summary>
    Task AbandonAsync(ReceivedMessage message, TimeSpan retryDelay = default, CancellationToken cancellationToken = default);

    /// <summary>Moves the message to the dead-letter queue with a reason, e.g. on a permanent error.</summary>
    Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Extends the lock by the queue's lock duration from now; returns the new expiry.</summary>
    Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Reads dead letters in sequence order without locking them, from <paramref name="fromSequenceNumber"/> on.</summary>
    Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(int maxMessages, long? fromSequenceNumber = null, CancellationToken cancellationToken = default);

    /// <summary>Locks dead letters like <see cref="ReceiveAsync"/>; completing one removes it for good.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveDeadLettersAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a copy of the dead letter (body, properties, correlation id, subject) back to the queue with a fresh
    /// delivery count, never dropped by duplicate detection, and removes the dead letter.
    /// Returns <see langword="false"/> when no dead letter has that sequence number.
    /// </summary>
    Task<bool> ResubmitDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken = default);

    /// <summary>Resubmits a dead letter this consumer holds the lock on (from <see cref="ReceiveDeadLettersAsync"/>).</summary>
    Task ResubmitDeadLetterAsync(ReceivedMessage deadLetter, CancellationToken cancellationToken = default);

    /// <summary>Deletes every dead letter; returns how many there were.</summary>
    Task<int> PurgeDeadLettersAsync(CancellationToken cancellationToken = default);

    Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken = default);
}
