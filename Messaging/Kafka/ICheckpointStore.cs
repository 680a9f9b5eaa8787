namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// Where a subscription's position lives when it is not Kafka's committed offset: beside the data the
/// handler writes, so both commit in one transaction.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The next offset to read per partition; a partition with no checkpoint is left out (read from the start).</summary>
    Task<IReadOnlyDictionary<LogPartition, long>> LoadAsync(string subscription, IReadOnlyCollection<LogPartition> partitions, CancellationToken cancellationToken);
}

/// <summary>
/// Handles a batch and stores the new checkpoints of <see cref="ConsumedBatch.Ranges"/> in the same transaction.
/// Throws <see cref="CheckpointConflictException"/> when a stored checkpoint is not where the batch starts.
/// </summary>
public interface IBatchHandler
{
    Task HandleAsync(string subscription, ConsumedBatch batch, CancellationToken cancellationToken);
}

/// <summary>
/// Another consumer moved the checkpoint first (a rebalance raced this one): the batch was rolled back and
/// the subscription re-reads from the stored checkpoints.
/// </summary>
public sealed class CheckpointConflictException(string message) : Exception(message);
