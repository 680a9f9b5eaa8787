namespace EdaAspire.Messaging.Kafka;

/// <summary>A consumer group reading topics into one handler.</summary>
public sealed class KafkaSubscriptionOptions
{
    /// <summary>Names the checkpoints (e.g. the projection); defaults to the group id.</summary>
    public required string Name { get; init; }

    public required string GroupId { get; init; }

    public required IReadOnlyList<string> Topics { get; init; }

    public string ConnectionName { get; init; } = KafkaClientConfig.DefaultConnectionName;

    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// How long a batch waits for more records once it has its first. Short, because every hop of an event adds it to
    /// the event's latency; under load batches still fill to <see cref="MaxBatchSize"/>, as records are already buffered.
    /// </summary>
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Attempts at a batch before its records are tried one at a time; a record that then fails as often, for a reason
    /// of its own rather than an outage, is parked in its topic's <see cref="DeadLetterTopic"/>.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Where to read a partition that has no stored checkpoint. Beginning for stores that keep checkpoints with
    /// their data (an empty store means nothing was applied yet); Committed for subscribers whose only position is
    /// Kafka's committed offset (<see cref="KafkaCommittedOffsets"/>), which then resume where the group left off.
    /// </summary>
    public StartPosition WithoutCheckpoint { get; set; } = StartPosition.Beginning;
}

public enum StartPosition
{
    Beginning,
    Committed,
}
