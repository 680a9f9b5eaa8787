using Confluent.Kafka;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// What a subscription knows of its partitions' checkpoints while it reads: it drops records behind a checkpoint and
/// measures offsets that never arrived. No Kafka client and no store: the loop tells it what was assigned and stored.
/// </summary>
public sealed class CheckpointGuard
{
    private readonly Dictionary<TopicPartition, long?> _checkpoints = [];
    private readonly Dictionary<TopicPartition, long> _lastCollected = [];

    /// <summary>The next offset to apply on <paramref name="partition"/>; null when none is stored (or it is not assigned).</summary>
    public long? CheckpointOf(TopicPartition partition) => _checkpoints.GetValueOrDefault(partition);

    /// <summary>The partition is (again) read from <paramref name="next"/>, its stored checkpoint (null: none).</summary>
    public void Assign(TopicPartition partition, long? next) => _checkpoints[partition] = next;

    public void Revoke(TopicPartition partition)
    {
        _checkpoints.Remove(partition);
        _lastCollected.Remove(partition);
    }

    /// <summary>A batch's checkpoints were stored.</summary>
    public void Stored(IEnumerable<PartitionRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        foreach (var range in ranges)
        {
            _checkpoints[range.Partition] = range.NextOffset;
        }
    }

    /// <summary>A new batch starts: gaps are measured from the checkpoints again.</summary>
    public void StartBatch() => _lastCollected.Clear();

    /// <summary>
    /// A record before its partition's checkpoint has been applied already: librdkafka moved the position back (it resets
    /// it after some fetch errors, e.g. through a broker outage). The checkpoint's compare-and-set cannot catch this, since
    /// the stored checkpoint is still the one this worker expects, so such records are dropped.
    /// </summary>
    public bool IsBehindCheckpoint(TopicPartition partition, long offset) =>
        _checkpoints.GetValueOrDefault(partition) is { } next && offset < next;

    /// <summary>
    /// Takes a record into the batch and returns how many offsets are missing between the checkpoint (or the previous
    /// record) and it: compaction or transaction markers, or records that retention deleted before this subscription read
    /// them. The checkpoint moves on either way; the count makes a loss visible.
    /// </summary>
    public long Collect(TopicPartition partition, long offset)
    {
        var expected = _lastCollected.TryGetValue(partition, out var previous) ? previous + 1 : _checkpoints.GetValueOrDefault(partition);
        _lastCollected[partition] = offset;
        return expected is { } next && offset > next ? offset - next : 0;
    }
}
