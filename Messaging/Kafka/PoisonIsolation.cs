using Confluent.Kafka;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// How a batch that keeps failing is taken apart so the record at fault can be found and parked: its records one at a
/// time, each as a batch of its own from its partition's checkpoint, then whatever the batch skipped after its last
/// event. Pure: the subscription supplies the checkpoints as they move.
/// </summary>
public static class PoisonIsolation
{
    /// <summary>The batch's events in the order they are tried alone: by partition, then offset.</summary>
    public static IReadOnlyList<ConsumedEvent> OneByOne(ConsumedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Events.OrderBy(e => e.Position.Partition.Value).ThenBy(e => e.Position.Offset.Value).ToList();
    }

    /// <summary>One record as a batch of its own, from its partition's checkpoint <paramref name="from"/> up to it.</summary>
    public static ConsumedBatch Alone(ConsumedEvent consumed, long? from)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        return new ConsumedBatch([consumed], [new PartitionRange(consumed.Position.TopicPartition, from, consumed.Position.Offset.Value + 1)]);
    }

    /// <summary>
    /// The batch's ranges still ahead of their checkpoints once its events were handled alone (records that are not
    /// envelopes, after the last event), as a batch without events; null when nothing is left.
    /// </summary>
    public static ConsumedBatch? Remainder(ConsumedBatch batch, Func<TopicPartition, long?> checkpointOf)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(checkpointOf);
        var rest = batch.Ranges.Select(r => r with { From = checkpointOf(r.Partition) })
            .Where(r => r.From is null || r.From < r.NextOffset)
            .ToList();
        return rest.Count > 0 ? new ConsumedBatch([], rest) : null;
    }

    /// <summary>Whether a record that failed alone as often as allowed is parked: only for a reason of its own, never in an outage.</summary>
    public static bool ShouldPark(Exception error) => !FailureKind.IsTransient(error);

    /// <summary>After parking, the checkpoint alone moves past the record (the copy is safe in the dead-letter topic).</summary>
    public static ConsumedBatch PastParked(ConsumedBatch alone)
    {
        ArgumentNullException.ThrowIfNull(alone);
        return alone with { Events = [] };
    }
}
