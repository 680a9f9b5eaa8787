using System.Collections.Concurrent;
using EdaAspire.Web.Dashboard.Orders.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.DashboardTests.Live;

/// <summary>The push-to-refresh loop on its own, with the read model's progress faked.</summary>
public sealed class OrderWatchTests
{
    private readonly OrderUpdates _updates = new();
    private readonly ConcurrentDictionary<string, bool> _projected = new();
    private readonly ConcurrentQueue<DateTime> _refreshes = new();

    private readonly LiveRefreshOptions _options = new()
    {
        Debounce = TimeSpan.FromMilliseconds(100),
        RetryDelay = TimeSpan.FromMilliseconds(400),
        FallbackInterval = TimeSpan.FromMinutes(10),
    };

    [Fact]
    public async Task A_burst_of_pushes_becomes_one_refresh()
    {
        await using var watch = Watch();

        for (var i = 0; i < 20; i++)
        {
            Publish(projected: true);
        }

        await WaitForAsync(() => !_refreshes.IsEmpty);
        await Task.Delay(300);
        Assert.Single(_refreshes);
    }

    [Fact]
    public async Task Refreshes_stay_within_four_a_second_under_a_steady_stream()
    {
        _options.Debounce = TimeSpan.FromMilliseconds(250);
        await using var watch = Watch();

        var until = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < until)
        {
            Publish(projected: true);
            await Task.Delay(10);
        }

        // At most one refresh per debounce window: 2 s / 250 ms. (A loaded machine may well do fewer.)
        Assert.InRange(_refreshes.Count, 1, 8);
    }

    [Fact]
    public async Task A_push_the_read_model_does_not_have_yet_is_retried_once_shortly_after()
    {
        await using var watch = Watch();

        var eventId = Publish(projected: false);
        await Task.Delay(250);
        Assert.Empty(_refreshes);

        _projected[eventId] = true;
        await WaitForAsync(() => !_refreshes.IsEmpty);
    }

    [Fact]
    public async Task A_push_still_missing_after_its_retry_is_left_to_the_fallback()
    {
        await using var watch = Watch();

        Publish(projected: false);
        await Task.Delay(_options.Debounce + (3 * _options.RetryDelay));

        Assert.Empty(_refreshes);
    }

    [Fact]
    public async Task Refreshes_once_soon_after_it_starts_for_what_happened_while_the_page_loaded()
    {
        await using var watch = Watch();

        await WaitForAsync(() => !_refreshes.IsEmpty);
        await Task.Delay(3 * _options.RetryDelay);

        Assert.Single(_refreshes);
    }

    [Fact]
    public async Task Without_pushes_it_refreshes_slowly_anyway()
    {
        _options.FallbackInterval = TimeSpan.FromMilliseconds(200);
        await using var watch = Watch();

        await WaitForAsync(() => _refreshes.Count >= 2);
    }

    [Fact]
    public async Task A_failing_refresh_does_not_end_the_watch()
    {
        var calls = 0;
        await using var watch = new OrderWatch(
            _updates.Subscribe(),
            UnseenAsync,
            _ => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("read model down") : Task.CompletedTask,
            _options,
            NullLogger.Instance);

        Publish(projected: true);
        await WaitForAsync(() => Volatile.Read(ref calls) == 1);
        Publish(projected: true);
        await WaitForAsync(() => Volatile.Read(ref calls) == 2);
    }

    [Fact]
    public async Task Disposing_the_watch_unsubscribes()
    {
        var watch = Watch();
        Assert.Equal(1, _updates.SubscriberCount);

        await watch.DisposeAsync();

        Assert.Equal(0, _updates.SubscriberCount);
    }

    private OrderWatch Watch() => new(_updates.Subscribe(), UnseenAsync, RecordRefresh, _options, NullLogger.Instance);

    private Task RecordRefresh(CancellationToken cancellationToken)
    {
        _refreshes.Enqueue(DateTime.UtcNow);
        return Task.CompletedTask;
    }

    private Task<IReadOnlyList<OrderUpdate>> UnseenAsync(IReadOnlyCollection<OrderUpdate> updates, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrderUpdate>>(updates.Where(u => !_projected.GetValueOrDefault(u.EventId)).ToList());

    private string Publish(bool projected)
    {
        var update = new OrderUpdate(Guid.NewGuid(), Guid.NewGuid().ToString(), "shop.order.placed.v2", DateTimeOffset.UtcNow);
        _projected[update.EventId] = projected;
        _updates.Publish([update]);
        return update.EventId;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 5 s.");
            await Task.Delay(20);
        }
    }
}
