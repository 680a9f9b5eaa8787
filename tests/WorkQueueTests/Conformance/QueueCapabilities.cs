namespace EdaAspire.WorkQueueTests.Conformance;

/// <summary>
/// What an adapter's broker can show. Service Bus (and the SQLite adapter) can show everything; the Service Bus emulator
/// has no management operations, so no counts. For a missing capability the conformance test asserts the adapter's declared
/// alternative (usually a <see cref="NotSupportedException"/>) instead of the behaviour, so nothing is skipped silently.
/// </summary>
public sealed record QueueCapabilities
{
    /// <summary>Everything, as Service Bus does it.</summary>
    public static QueueCapabilities Full { get; } = new();

    /// <summary>ScheduledEnqueueTime is honoured; otherwise sending a scheduled message throws NotSupportedException.</summary>
    public bool SupportsScheduling { get; init; } = true;

    /// <summary>DeliveryCount counts deliveries; otherwise it is always 1.</summary>
    public bool SupportsDeliveryCount { get; init; } = true;

    /// <summary>Dead letters carry their reason and description; otherwise both are null.</summary>
    public bool ReportsDeadLetterReason { get; init; } = true;

    /// <summary>Locks expire after the lock duration and can be renewed; otherwise RenewLockAsync throws NotSupportedException.</summary>
    public bool SupportsTimedLocks { get; init; } = true;

    /// <summary>Abandon honours a retry delay; otherwise abandoning with a delay throws NotSupportedException.</summary>
    public bool SupportsRetryDelay { get; init; } = true;

    /// <summary>A second message with the same id within the window is dropped; otherwise both are delivered.</summary>
    public bool SupportsDuplicateDetection { get; init; } = true;

    /// <summary>
    /// A resubmitted dead letter keeps its MessageId. A broker whose duplicate detection would drop that copy gives it a
    /// new id instead (the CloudEvents id in the application properties stays the consumers' idempotency key).
    /// </summary>
    public bool ResubmitKeepsMessageId { get; init; } = true;

    /// <summary>GetCountsAsync answers; otherwise it throws NotSupportedException (the Service Bus emulator).</summary>
    public bool ReportsCounts { get; init; } = true;

    /// <summary>QueueCounts.InFlight is reported; otherwise it is null.</summary>
    public bool ReportsInFlightCount { get; init; } = true;

    /// <summary>
    /// How long counts may trail the queue (a broker's periodic statistics); zero when a count query reads the queue itself.
    /// Count assertions poll this long for the expected counts.
    /// </summary>
    public TimeSpan CountsTrailBy { get; init; } = TimeSpan.Zero;
}
