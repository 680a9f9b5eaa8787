using EdaAspire.ReadModels;
using EdaAspire.ReadModels.Orders;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>Reads one order's summary and timeline from the read model, each by its key.</summary>
public sealed class OrderDetailsQuery(IServiceScopeFactory scopeFactory)
{
    private static readonly Type[] Tables = [typeof(OrderSummary), typeof(OrderTimelineEntry)];

    /// <returns>The order, or null while the order tables do not exist yet.</returns>
    public async Task<OrderDetails?> GetAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadModelsDbContext>();
        if (!await db.ExistAsync(Tables, cancellationToken))
        {
            return null;
        }

        var summary = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId, cancellationToken);
        // Log order: an order's events share a partition (key = order id), so their offsets order them.
        var timeline = await db.OrderTimeline.AsNoTracking()
            .Where(e => e.OrderId == orderId)
            .OrderBy(e => e.Offset)
            .ToListAsync(cancellationToken);
        return new OrderDetails(summary, timeline);
    }
}
