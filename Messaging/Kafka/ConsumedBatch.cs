using Confluent.Kafka;
using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Messaging.Kafka;

/// <summary>One record read from Kafka, with its envelope and where it sits in the log.</summary>
public sealed record ConsumedEvent(TopicPartitionOffset Position, string? Key, EventEnvelope Envelope);

/// <summary>
/// What a batch does to one partition's checkpoint: it must still be <see cref="From"/> (null: none stored yet)
/// and becomes <see cref="NextOffset"/>. A store that finds another value has lost a race with a new owner.
/// </summary>
public sealed record PartitionRange(LogPartition Partition, long? From, long NextOffset);

/// <summary>
/// Records consumed together. <see cref="Ranges"/> also covers records that were skipped (not an envelope),
/// so the checkpoint moves past them and a consumer never stalls on one.
/// </summary>
public sealed record ConsumedBatch(IReadOnlyList<ConsumedEvent> Events, IReadOnlyList<PartitionRange> Ranges);
