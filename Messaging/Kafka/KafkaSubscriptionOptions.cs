using System.ComponentModel.DataAnnotations;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// A consumer group reading topics into one handler: named options, one name per subscription, its defaults set in code
/// and overridden from the section it is registered with.
/// </summary>
public sealed class KafkaSubscriptionOptions
{
    /// <summary>Names the checkpoints (e.g. the projection) and these options.</summary>
    [Required]
    public string Name { get; set; } = "";

    [Required]
    public string GroupId { get; set; } = "";

    [MinLength(1)]
    public IReadOnlyList<string> Topics { get; set; } = [];

    /// <summary>Set by the registration, as the publisher and admin client it registers use the same connection.</summary>
    public string ConnectionName { get; set; } = KafkaClientConfig.DefaultConnectionName;

    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// How long a batch waits for more records once it has its first. Short, because every hop of an event adds it to
    /// the event's latency; under load batches still fill to <see cref="MaxBatchSize"/>, as records are already buffered.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.FromMilliseconds(10);

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Attempts at a batch before its records are tried one at a time; a record that then fails as often, for a reason
    /// of its own rather than an outage, is parked in its topic's <see cref="DeadLetterTopic"/>.
    /// </summary>
    [Range(1, 1000)]
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
