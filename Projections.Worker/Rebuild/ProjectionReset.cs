using EdaAspire.Contracts;
using EdaAspire.Contracts.Control;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Projections.Worker.Rebuild;

/// <summary>
/// Empties a projection's tables and its checkpoints in one transaction, so the read model and its position can never
/// disagree: the subscription then reads from the start (no checkpoint) or from the requested offset (a checkpoint
/// there). A batch that was in flight finds its checkpoint gone, fails the compare-and-set and re-reads.
/// Every worker hears every request; a marker row (<see cref="RebuildMarker"/>, past the request's offset on
/// topic control) lets only the first one empty the tables.
/// </summary>
public sealed class ProjectionReset(ReadModelsDbContext db)
{
    /// <param name="requestOffset">Where the request sits on topic control: it identifies the request, in order.</param>
    /// <returns>True when this call emptied the projection; false when the request was applied before (here or elsewhere).</returns>
    public Task<bool> ResetAsync(ProjectionTables tables, long requestOffset, long? fromOffset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await ClaimAsync(tables.Projection, requestOffset, ct))
            {
                return false;
            }

            await tables.EmptyAsync(db, ct);
            await db.Checkpoints.Where(c => c.Subscription == tables.Projection).ExecuteDeleteAsync(ct);
            if (fromOffset is { } offset)
            {
                var partitions = Topics.All.Single(t => t.Name == tables.Topic).Partitions;
                db.Checkpoints.AddRange(Enumerable.Range(0, partitions).Select(p => new SubscriptionCheckpoint
                {
                    Subscription = tables.Projection,
                    Topic = tables.Topic,
                    Partition = p,
                    NextOffset = offset,
                }));
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>Moves the marker past the request, first thing in the transaction so a second worker waits on its lock.</summary>
    private async Task<bool> ClaimAsync(string projection, long requestOffset, CancellationToken ct)
    {
        var marker = db.Checkpoints.Where(c => c.Subscription == RebuildMarker.SubscriptionOf(projection) && c.Topic == Topics.Control && c.Partition == 0);
        if (await marker.Where(c => c.NextOffset <= requestOffset).ExecuteUpdateAsync(s => s.SetProperty(c => c.NextOffset, requestOffset + 1), ct) > 0)
        {
            return true;
        }

        if (await marker.AnyAsync(ct))
        {
            return false;
        }

        db.Checkpoints.Add(new SubscriptionCheckpoint
        {
            Subscription = RebuildMarker.SubscriptionOf(projection),
            Topic = Topics.Control,
            Partition = 0,
            NextOffset = requestOffset + 1,
        });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
