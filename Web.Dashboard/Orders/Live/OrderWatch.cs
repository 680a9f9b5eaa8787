namespace EdaAspire.Web.Dashboard.Orders.Live;

/// <summary>
/// Keeps one page live by push: waits for order updates, gathers a burst (debounce), checks that the read model
/// has the pushed events, re-reads the page once if it has any, and retries once a little later for those it
/// has not yet. With no push for a while it refreshes anyway, slowly, as a safety net; and once soon after it
/// starts, for what happened while the page was loading.
/// </summary>
public sealed class OrderWatch : IAsyncDisposable
{
    private readonly OrderUpdateSubscription _subscription;
    private readonly Func<IReadOnlyCollection<OrderUpdate>, CancellationToken, Task<IReadOnlyList<OrderUpdate>>> _unseen;
    private readonly Func<CancellationToken, Task> _refresh;
    private readonly LiveRefreshOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public OrderWatch(
        OrderUpdateSubscription subscription,
        Func<IReadOnlyCollection<OrderUpdate>, CancellationToken, Task<IReadOnlyList<OrderUpdate>>> unseen,
        Func<CancellationToken, Task> refresh,
        LiveRefreshOptions options,
        TimeProvider time,
        ILogger logger)
    {
        _subscription = subscription;
        _unseen = unseen;
        _refresh = refresh;
        _options = options;
        _time = time;
        _logger = logger;
        _running = Task.Run(() => RunAsync(_stop.Token));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        List<OrderUpdate> lagging = [];
        // The first wait is short: the page read the read model before it subscribed, so an event pushed in between
        // may reach the read model just after that read, with no push left to announce it. An early refresh closes it.
        var wait = _options.RetryDelay;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var arrived = await NextAsync(wait, cancellationToken);
                if (arrived.Count == 0 && lagging.Count == 0)
                {
                    // The start, or no push for FallbackInterval: a safety net, not how changes are found.
                    await RefreshAsync(cancellationToken);
                }
                else
                {
                    lagging = await CatchUpAsync(arrived.Concat(lagging).DistinctBy(u => u.EventId).ToList(), lagging, cancellationToken);
                }

                wait = lagging.Count > 0 ? _options.RetryDelay : _options.FallbackInterval;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was left.
        }
    }

    /// <summary>Refreshes once if the read model has any of the pushed events.</summary>
    /// <returns>The updates to retry: those it does not have yet, unless they had their retry already.</returns>
    private async Task<List<OrderUpdate>> CatchUpAsync(List<OrderUpdate> due, List<OrderUpdate> retried, CancellationToken cancellationToken)
    {
        var unseen = await UnseenAsync(due, cancellationToken);
        if (unseen.Count < due.Count)
        {
            await RefreshAsync(cancellationToken);
        }

        // One retry each; the fallback refresh picks up any stragglers.
        var retry = unseen.Where(u => !retried.Contains(u)).ToList();
        _logger.LogDebug(
            "Pushed {Due} order event(s): {Seen} in the read model, {Retry} retried in {Delay}, {Dropped} left to the fallback refresh",
            due.Count, due.Count - unseen.Count, retry.Count, _options.RetryDelay, unseen.Count - retry.Count);
        return retry;
    }

    /// <summary>The next burst of updates, or none when <paramref name="wait"/> passed without one.</summary>
    private async Task<IReadOnlyList<OrderUpdate>> NextAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var reader = _subscription.Reader;
        // Two sources rather than CancelAfter on a linked one: CancelAfter runs on the system clock, not on _time.
        using (var timeout = new CancellationTokenSource(wait, _time))
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                if (!await reader.WaitToReadAsync(waiting.Token))
                {
                    // Unsubscribed: only disposal does that, which also cancels.
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return [];
            }
        }

        // Let the rest of a burst arrive, so it costs one refresh.
        await Task.Delay(_options.Debounce, _time, cancellationToken);
        var burst = new List<OrderUpdate>();
        while (reader.TryRead(out var update))
        {
            burst.Add(update);
        }

        return burst;
    }

    private async Task<IReadOnlyList<OrderUpdate>> UnseenAsync(List<OrderUpdate> due, CancellationToken cancellationToken)
    {
        if (due.Count > _options.MaxCheckedUpdates)
        {
            return [];
        }

        try
        {
            return await _unseen(due, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Refresh as if seen: the page's own read reports a read model that is down.
            _logger.LogDebug(ex, "Checking {Count} pushed order events against the read model failed", due.Count);
            return [];
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _refresh(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed refresh must not end the watch: the next push or the fallback tries again.
            _logger.LogWarning(ex, "Refreshing a live orders page failed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _subscription.Dispose();
        _stop.Dispose();
    }
}
