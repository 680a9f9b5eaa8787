namespace EdaAspire.Web.Dashboard.Orders.Live;

/// <summary>What a page asks for to stay live: a watch over the order updates it cares about.</summary>
public sealed class LiveOrders(OrderUpdates updates, OrderEventsSeenQuery seen, LiveRefreshOptions options, TimeProvider time,
    ILogger<OrderWatch> logger)
{
    /// <param name="relevant">Which updates concern the page (e.g. one order's); null for all.</param>
    /// <param name="refresh">Re-reads what the page shows from the read model and renders it.</param>
    /// <returns>The running watch; dispose it with the page.</returns>
    public OrderWatch Watch(Func<OrderUpdate, bool>? relevant, Func<CancellationToken, Task> refresh) =>
        new(updates.Subscribe(relevant), seen.UnseenAsync, refresh, options, time, logger);
}
