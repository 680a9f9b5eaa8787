using EdaAspire.Contracts;
using EdaAspire.Projections.Worker.Clickstream;
using EdaAspire.Projections.Worker.Orders;
using EdaAspire.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Projections.Worker.Rebuild;

/// <summary>
/// What each projection owns in the read model, so a rebuild empties exactly that. ProductStats is shared: the
/// clickstream owns its view and cart counters, the orders projection its purchases, so each zeroes only its columns.
/// </summary>
public sealed record ProjectionTables(string Projection, string Topic, Func<ReadModelsDbContext, CancellationToken, Task> EmptyAsync)
{
    public static IReadOnlyList<ProjectionTables> All { get; } =
    [
        new(ClickstreamProjection.Name, Topics.Clickstream, async (db, ct) =>
        {
            await db.PageViewsPerMinute.ExecuteDeleteAsync(ct);
            await db.EventTypeCounts.ExecuteDeleteAsync(ct);
            await db.Sessions.ExecuteDeleteAsync(ct);
            await db.ProductStats.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Views, 0)
                .SetProperty(p => p.AddedToCart, 0)
                .SetProperty(p => p.RemovedFromCart, 0), ct);
        }),
        new(OrdersProjection.Name, Topics.Orders, async (db, ct) =>
        {
            await db.OrderTimeline.ExecuteDeleteAsync(ct);
            await db.OrderLines.ExecuteDeleteAsync(ct);
            await db.Orders.ExecuteDeleteAsync(ct);
            await db.SalesPerMinute.ExecuteDeleteAsync(ct);
            await db.Customers.ExecuteDeleteAsync(ct);
            await db.ProductStats.ExecuteUpdateAsync(s => s.SetProperty(p => p.Purchased, 0), ct);
        }),
    ];

    public static ProjectionTables? Of(string projection) => All.FirstOrDefault(t => t.Projection == projection);
}
