using EdaAspire.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Web.Dashboard.Orders.Live;

/// <summary>
/// Whether the read model has caught up with pushed events yet. The push comes from the dashboard's own copy
/// of the log, the read model from Projections.Worker's, so the read model may be a moment behind. The
/// projection writes an event's timeline row in the same transaction as its effect on the summary, so a
/// timeline row (looked up by its key) means the whole event is visible.
/// </summary>
public sealed class OrderEventsSeenQuery(IServiceScopeFactory scopeFactory)
{
    /// <returns>The updates whose events the read model does not have yet.</returns>
    public async Task<IReadOnlyList<OrderUpdate>> UnseenAsync(IReadOnlyCollection<OrderUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return [];
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadModelsDbContext>();
        var orderIds = updates.Select(u => u.OrderId).Distinct().ToList();
        var eventIds = updates.Select(u => u.EventId).Distinct().ToList();
        var seen = (await db.OrderTimeline.AsNoTracking()
            .Where(t => orderIds.Contains(t.OrderId) && eventIds.Contains(t.EventId))
            .Select(t => t.EventId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return updates.Where(u => !seen.Contains(u.EventId)).ToList();
    }
}
