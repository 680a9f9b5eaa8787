using EdaAspire.Contracts;
using EdaAspire.Contracts.Control;
using EdaAspire.ReadModels;
using EdaAspire.Web.Dashboard.Overview;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Web.Dashboard.Admin.Control;

/// <summary>
/// How far a rebuild has come: the projection's checkpoints (stored with its rows, so exactly what is applied) against
/// the ends of its topic's partitions. Read on demand while a rebuild runs: checkpoints announce nothing.
/// </summary>
public sealed class RebuildProgressQuery(IServiceScopeFactory scopes, KafkaOffsets offsets)
{
    public async Task<RebuildProgress> GetAsync(RebuildRequest rebuild, string topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rebuild);
        var projection = rebuild.Request.Projection;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadModelsDbContext>();
        var marker = RebuildMarker.SubscriptionOf(projection);
        var applied = await db.Checkpoints.AsNoTracking()
            .AnyAsync(c => c.Subscription == marker && c.Topic == Topics.Control && c.NextOffset > rebuild.ControlOffset, cancellationToken);
        if (!applied)
        {
            return RebuildProgress.Waiting;
        }

        var checkpoints = await db.Checkpoints.AsNoTracking()
            .Where(c => c.Subscription == projection && c.Topic == topic)
            .ToDictionaryAsync(c => c.Partition, c => c.NextOffset, cancellationToken);
        var ends = await Task.Run(() => offsets.Ends(topic, offsets.Partitions().GetValueOrDefault(topic)), cancellationToken);
        return RebuildProgress.From(checkpoints, ends, rebuild.Request.FromOffset ?? 0);
    }
}

/// <param name="Done">Events applied since the rebuild's start point.</param>
/// <param name="Total">Events between the start point and the ends of the partitions.</param>
/// <param name="Applied">Whether a worker has emptied the projection for this request yet.</param>
public sealed record RebuildProgress(bool Applied, long Done, long Total)
{
    public static readonly RebuildProgress Waiting = new(false, 0, 0);

    public double Percent => !Applied ? 0 : Total == 0 ? 100 : Math.Min(100, 100.0 * Done / Total);

    public bool Complete => Applied && Done >= Total;

    /// <summary>Per partition: from the start point (capped at the partition's end) to its checkpoint or end.</summary>
    public static RebuildProgress From(IReadOnlyDictionary<int, long> checkpoints, IReadOnlyDictionary<int, long> ends, long fromOffset)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(ends);
        long done = 0, total = 0;
        foreach (var (partition, end) in ends)
        {
            var start = Math.Min(fromOffset, end);
            total += end - start;
            done += Math.Clamp(checkpoints.GetValueOrDefault(partition, start), start, end) - start;
        }

        return new RebuildProgress(true, done, total);
    }
}
