using System.Collections.Concurrent;
using EdaAspire.Tests.Time;
using EdaAspire.Web.Dashboard.Orders.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.DashboardTests.Live;

/// <summary>
/// The push-to-refresh loop on its own, with the read model's progress faked and time on a fake clock: a test moves
/// the clock only once the watch waits on the timer in question, and a round is over once the watch waits again.
/// </summary>
public sealed class OrderWatchTests
{
    private readonly FakeClock _clock = new();
    private readonly OrderUpdates _updates = new();
    private readonly ConcurrentDictionary<string, bool> _projected = new();
    private readonly ConcurrentQueue<DateTimeOffset> _refreshes = new();

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

        await AdvanceAsync(_options.Debounce);
        await _clock.WaitForTimerAsync(_options.FallbackInterval);
        Assert.Single(_refreshes);
    }

    [Fact]
    public async Task Refreshes_stay_within_four_a_second_under_a_steady_stream()
    {
        _options.Debounce = TimeSpan.FromMilliseconds(250);
        await using var watch = Watch();

        // A push every 10 ms for 2 s. After the debounce fires, the next push waits until that round is over, so the
        // stream cannot slip into a round whose updates were already read.
        var step = TimeSpan.FromMilliseconds(10);
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(2); elapsed += step)
        {
            Publish(projected: true);
            await _clock.WaitForTimerAsync(_options.Debounce);
            _clock.Advance(step);
            if (!_clock.HasTimer(_options.Debounce))
            {
                await _clock.WaitForTimerAsync(_options.FallbackInterval);
            }
        }

        // One refresh per debounce window: 2 s / 250 ms, each at least a window after the one before.
        Assert.Equal(8, _refreshes.Count);
        Assert.All(_refreshes.Zip(_refreshes.Skip(1)), pair => Assert.True(pair.Second - pair.First >= _options.Debounce));
    }

    [Fact]
    public async Task A_push_the_read_model_does_not_have_yet_is_retried_once_shortly_after()
    {
        await using var watch = Watch();

        var eventId = Publish(projected: false);
        await AdvanceAsync(_options.Debounce);
        await _clock.WaitForTimerAsync(_options.RetryDelay);
        Assert.Empty(_refreshes);

        _projected[eventId] = true;
        _clock.Advance(_options.RetryDelay);
        await _clock.WaitForTimerAsync(_options.FallbackInterval);
        Assert.Single(_refreshes);
    }

    [Fact]
    public async Task A_push_still_missing_after_its_retry_is_left_to_the_fallback()
    {
        await using var watch = Watch();

        Publish(projected: false);
        await AdvanceAsync(_options.Debounce);
        await AdvanceAsync(_options.RetryDelay);
        await _clock.WaitForTimerAsync(_options.FallbackInterval);

        Assert.Empty(_refreshes);
    }

    [Fact]
    public async Task Refreshes_once_soon_after_it_starts_for_what_happened_while_the_page_loaded()
    {
        await using var watch = Watch();

        await AdvanceAsync(_options.RetryDelay);
        await _clock.WaitForTimerAsync(_options.FallbackInterval);
        _clock.Advance(3 * _options.RetryDelay);

        Assert.Single(_refreshes);
        Assert.True(_clock.HasTimer(_options.FallbackInterval));
    }

    [Fact]
    public async Task Without_pushes_it_refreshes_slowly_anyway()
    {
        await using var watch = Watch();
        await AdvanceAsync(_options.RetryDelay);
        await _clock.WaitForTimerAsync(_options.FallbackInterval);

        _clock.Advance(_options.FallbackInterval - TimeSpan.FromMilliseconds(1));
        Assert.Single(_refreshes);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await _clock.WaitForTimerAsync(_options.FallbackInterval);
        Assert.Equal(2, _refreshes.Count);
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
            _clock,
            NullLogger.Instance);

        Publish(projected: true);
        await AdvanceAsync(_options.Debounce);
        await _clock.WaitForTimerAsync(_options.FallbackInterval);
        Assert.Equal(1, Volatile.Read(ref calls));

        Publish(projected: true);
        await AdvanceAsync(_options.Debounce);
        await _clock.WaitForTimerAsync(_options.FallbackInterval);
        Assert.Equal(2, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task Disposing_the_watch_unsubscribes()
    {
        var watch = Watch();
        Assert.Equal(1, _updates.SubscriberCount);

        await watch.DisposeAsync();

        Assert.Equal(0, _updates.SubscriberCount);
    }

    private OrderWatch Watch() => new(_updates.Subscribe(), UnseenAsync, RecordRefresh, _options, _clock, NullLogger.Instance);

    /// <summary>Moves the clock by <paramref name="wait"/> once the watch waits on a timer of that length.</summary>
    private async Task AdvanceAsync(TimeSpan wait)
    {
        await _clock.WaitForTimerAsync(wait);
        _clock.Advance(wait);
    }

    private Task RecordRefresh(CancellationToken cancellationToken)
    {
        _refreshes.Enqueue(_clock.GetUtcNow());
        return Task.CompletedTask;
    }

    private Task<IReadOnlyList<OrderUpdate>> UnseenAsync(IReadOnlyCollection<OrderUpdate> updates, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrderUpdate>>(updates.Where(u => !_projected.GetValueOrDefault(u.EventId)).ToList());

    private string Publish(bool projected)
    {
        var update = new OrderUpdate(Guid.NewGuid(), Guid.NewGuid().ToString(), "shop.order.placed.v2", _clock.GetUtcNow());
        _projected[update.EventId] = projected;
        _updates.Publish([update]);
        return update.EventId;
    }
}
