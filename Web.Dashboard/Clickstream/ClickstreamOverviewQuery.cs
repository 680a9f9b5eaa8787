using EdaAspire.ReadModels;
using EdaAspire.ReadModels.Clickstream;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Web.Dashboard.Clickstream;

/// <summary>
/// Reads the clickstream read models (written only by Projections.Worker) into a <see cref="ClickstreamOverview"/>.
/// Each call takes its own pooled context, so a Blazor circuit never holds one between refreshes.
/// </summary>
public sealed class ClickstreamOverviewQuery(IServiceScopeFactory scopeFactory)
{
    public const int ChartMinutes = 30;
    public const int TopProductCount = 10;

    /// <summary>A session is active when it was seen this close to the newest activity of any session.</summary>
    public static readonly TimeSpan ActiveSessionWindow = TimeSpan.FromMinutes(5);

    private static readonly Type[] Tables = [typeof(PageViewsPerMinute), typeof(ProductStats), typeof(SessionActivity)];

    /// <returns>The overview, or null while the read-model tables do not exist yet.</returns>
    public async Task<ClickstreamOverview?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadModelsDbContext>();

        if (!await db.ExistAsync(Tables, cancellationToken))
        {
            return null;
        }

        var (totalViews, perMinute) = await PageViewsAsync(db, cancellationToken);
        var (productsTracked, topProducts) = await ProductsAsync(db, cancellationToken);
        var (sessions, active, events, latest) = await SessionsAsync(db, cancellationToken);

        return new ClickstreamOverview(totalViews, perMinute, productsTracked, topProducts, sessions, active, events, latest);
    }

    private static async Task<(long Total, IReadOnlyList<MinuteViews> PerMinute)> PageViewsAsync(
        ReadModelsDbContext db, CancellationToken cancellationToken)
    {
        var pageViews = db.PageViewsPerMinute.AsNoTracking();
        var total = await pageViews.SumAsync(p => p.Views, cancellationToken);
        var last = await pageViews.MaxAsync(p => (DateTime?)p.Minute, cancellationToken);
        if (last is null)
        {
            return (total, []);
        }

        var first = last.Value.AddMinutes(1 - ChartMinutes);
        var counted = await pageViews
            .Where(p => p.Minute >= first)
            .ToDictionaryAsync(p => p.Minute, p => p.Views, cancellationToken);

        var perMinute = Enumerable.Range(0, ChartMinutes)
            .Select(i => first.AddMinutes(i))
            .Select(minute => new MinuteViews(AsUtc(minute), counted.GetValueOrDefault(minute)))
            .ToList();
        return (total, perMinute);
    }

    private static async Task<(int Tracked, IReadOnlyList<TopProduct> Top)> ProductsAsync(
        ReadModelsDbContext db, CancellationToken cancellationToken)
    {
        var products = db.ProductStats.AsNoTracking();
        var tracked = await products.CountAsync(cancellationToken);
        var top = await products
            .OrderByDescending(p => p.Views)
            .ThenBy(p => p.ProductId)
            .Take(TopProductCount)
            .Select(p => new TopProduct(p.ProductId, p.Views, p.AddedToCart, p.RemovedFromCart))
            .ToListAsync(cancellationToken);
        return (tracked, top);
    }

    private static async Task<(int Total, int Active, long Events, DateTime? Latest)> SessionsAsync(
        ReadModelsDbContext db, CancellationToken cancellationToken)
    {
        var sessions = db.Sessions.AsNoTracking();
        var total = await sessions.CountAsync(cancellationToken);
        var events = await sessions.SumAsync(s => s.EventCount, cancellationToken);
        var latest = await sessions.MaxAsync(s => (DateTime?)s.LastSeen, cancellationToken);
        if (latest is null)
        {
            return (total, 0, events, null);
        }

        var activeSince = latest.Value - ActiveSessionWindow;
        var active = await sessions.CountAsync(s => s.LastSeen >= activeSince, cancellationToken);
        return (total, active, events, AsUtc(latest.Value));
    }

    /// <summary>The read models store UTC; SQLite hands DateTime back with an unspecified kind.</summary>
    private static DateTime AsUtc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
