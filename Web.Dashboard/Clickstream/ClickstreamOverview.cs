namespace EdaAspire.Web.Dashboard.Clickstream;

/// <summary>The clickstream read models at a glance: what the clickstream page shows.</summary>
/// <param name="PageViewsPerMinute">
/// One entry per minute, oldest first, ending at the newest minute with data (event time, not wall-clock); minutes without views count 0.
/// </param>
/// <param name="LatestActivity">The newest event time seen in any session (UTC), or null before the first event.</param>
public sealed record ClickstreamOverview(
    long TotalPageViews,
    IReadOnlyList<MinuteViews> PageViewsPerMinute,
    int ProductsTracked,
    IReadOnlyList<TopProduct> TopProducts,
    int SessionsTotal,
    int ActiveSessions,
    long TotalEvents,
    DateTime? LatestActivity);

/// <summary>Page views in the minute starting at <paramref name="Minute"/> (UTC).</summary>
public sealed record MinuteViews(DateTime Minute, long Views);

/// <summary>One of the most viewed products.</summary>
public sealed record TopProduct(string ProductId, long Views, long AddedToCart, long RemovedFromCart);
