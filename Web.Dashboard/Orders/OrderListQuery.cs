using EdaAspire.ReadModels;
using EdaAspire.ReadModels.Orders;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>
/// Reads one page of the orders list from the read model. Only the page's rows leave the database: each filter
/// is shaped for an index on Orders — all orders by (PlacedAt), a status group by (Status, PlacedAt), a customer
/// by (CustomerId, PlacedAt) — and the counts per status come from the (Status, PlacedAt) index alone.
/// </summary>
public sealed class OrderListQuery(IServiceScopeFactory scopeFactory)
{
    private static readonly Type[] Tables = [typeof(OrderSummary)];

    /// <returns>The page, or null while the order tables do not exist yet.</returns>
    public async Task<OrderListPage?> GetAsync(OrderListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadModelsDbContext>();
        if (!await db.ExistAsync(Tables, cancellationToken))
        {
            return null;
        }

        var matching = Matching(db, request);
        var count = await matching.CountAsync(cancellationToken);
        var page = Math.Clamp(request.Page, 1, OrderListPage.PagesFor(count));
        var orders = await matching
            .OrderByDescending(o => o.PlacedAt)
            .ThenByDescending(o => o.OrderId)
            .Skip((page - 1) * OrderListRequest.PageSize)
            .Take(OrderListRequest.PageSize)
            .ToListAsync(cancellationToken);

        var byStatus = await db.Orders.AsNoTracking()
            .GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, StringComparer.Ordinal, cancellationToken);

        return new OrderListPage(orders, page, count, new OrderStatusCounts(byStatus));
    }

    private static IQueryable<OrderSummary> Matching(ReadModelsDbContext db, OrderListRequest request)
    {
        var orders = db.Orders.AsNoTracking();
        if (request.Filter.Statuses() is { } statuses)
        {
            orders = statuses.Count == 1
                ? orders.Where(o => o.Status == statuses[0])
                : orders.Where(o => statuses.Contains(o.Status));
        }

        if (OrderSearch.Parse(request.Search) is { } search)
        {
            // Both providers render a Guid as upper-case text (SQL Server's CONVERT, SQLite's stored TEXT), so
            // an upper-case prefix matches whatever the collation.
            orders = search.OrderIdPrefix is { } prefix
                ? orders.Where(o => o.CustomerId == search.Text || o.OrderId.ToString().StartsWith(prefix))
                : orders.Where(o => o.CustomerId == search.Text);
        }

        return orders;
    }
}
