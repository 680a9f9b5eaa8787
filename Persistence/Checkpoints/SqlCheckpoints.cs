using EdaAspire.Messaging.Kafka;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Persistence.Checkpoints;

/// <summary>
/// Subscription checkpoints in the subscriber's own database. Advancing one is a compare-and-set: a batch
/// whose partition was meanwhile handled by another worker (a rebalance race) finds a different
/// offset, fails, and is rolled back with everything else in its transaction.
/// </summary>
public sealed class SqlCheckpoints<TContext>(TContext db) : ICheckpointStore
    where TContext : DbContext
{
    private DbSet<SubscriptionCheckpoint> Checkpoints => db.Set<SubscriptionCheckpoint>();

    public async Task<IReadOnlyDictionary<LogPartition, long>> LoadAsync(
        string subscription, IReadOnlyCollection<LogPartition> partitions, CancellationToken cancellationToken)
    {
        var topics = partitions.Select(p => p.Topic).Distinct().ToList();
        var stored = await Checkpoints.AsNoTracking()
            .Where(c => c.Subscription == subscription && topics.Contains(c.Topic))
            .ToListAsync(cancellationToken);
        var wanted = partitions.ToHashSet();
        return stored
            .Select(c => (Partition: new LogPartition(c.Topic, c.Partition), c.NextOffset))
            .Where(c => wanted.Contains(c.Partition))
            .ToDictionary(c => c.Partition, c => c.NextOffset);
    }

    /// <summary>
    /// Applies a batch's effects and moves its checkpoints in one transaction, inside the execution strategy (SQL
    /// Server's retrying strategy only allows a user transaction within its own unit of retry). The checkpoints go
    /// first, so the transaction takes its write lock before anything else; <paramref name="apply"/> saves its changes.
    /// </summary>
    /// <exception cref="CheckpointConflictException">Another worker moved a checkpoint first; nothing was written.</exception>
    public Task CommitBatchAsync(string subscription, ConsumedBatch batch, Func<CancellationToken, Task> apply, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await AdvanceAsync(subscription, batch.Ranges, ct);
            await apply(ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);

    /// <summary>Moves each partition's checkpoint; call inside the transaction that writes the batch's effects.</summary>
    /// <exception cref="CheckpointConflictException">A checkpoint is not where the batch expected it.</exception>
    public async Task AdvanceAsync(string subscription, IReadOnlyList<PartitionRange> ranges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var moving = ranges.Where(r => r.From is not null).ToList();
        if (moving.Count > 0)
        {
            var json = JsonRows.Write(
                moving.Select(r => new CheckpointMove(r.Partition.Topic, r.Partition.Partition, r.From!.Value, r.NextOffset)),
                CheckpointsJson.Default.CheckpointMove);
            var moved = await db.Database.ExecuteSqlRawAsync(CheckpointAdvance.Statement(db), [subscription, json], cancellationToken);
            if (moved != moving.Count)
            {
                throw new CheckpointConflictException(
                    $"{moving.Count - moved} of {moving.Count} checkpoints of {subscription} moved away from where the batch began.");
            }
        }

        foreach (var range in ranges.Where(r => r.From is null))
        {
            var topic = range.Partition.Topic;
            var partition = range.Partition.Partition;
            if (await Checkpoints.AnyAsync(c => c.Subscription == subscription && c.Topic == topic && c.Partition == partition, cancellationToken))
            {
                throw new CheckpointConflictException($"Checkpoint of {range.Partition} was created by another worker.");
            }

            Checkpoints.Add(new SubscriptionCheckpoint
            {
                Subscription = subscription,
                Topic = topic,
                Partition = partition,
                NextOffset = range.NextOffset,
            });
        }
    }
}
