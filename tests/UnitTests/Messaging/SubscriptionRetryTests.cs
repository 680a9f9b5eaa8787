using System.Threading.Channels;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Tests.Time;

namespace EdaAspire.UnitTests.Messaging;

public sealed class SubscriptionRetryTests
{
    private readonly FakeClock _clock = new();
    private readonly Channel<TimeSpan> _pauses = Channel.CreateUnbounded<TimeSpan>();
    private int _attempts;

    [Fact]
    public async Task A_failure_is_retried_only_once_its_pause_has_passed_on_the_clock_up_to_the_attempts()
    {
        var retry = SubscriptionRetry.Create(3, TimeSpan.FromSeconds(30), _clock, _ => true, (_, _, pause) => _pauses.Writer.TryWrite(pause));

        var run = retry.ExecuteAsync(_ => Fail(), CancellationToken.None).AsTask();
        for (var attempt = 1; attempt < 3; attempt++)
        {
            var pause = await NextPauseAsync();
            await _clock.WaitForTimerAsync(AsTimer(pause));
            Assert.Equal(attempt, Volatile.Read(ref _attempts)); // not before the pause is over
            _clock.Advance(pause);
        }

        await Assert.ThrowsAsync<TimeoutException>(() => run);
        Assert.Equal(3, _attempts);
        Assert.False(_pauses.Reader.TryRead(out _)); // no pause after the last attempt
    }

    [Fact]
    public async Task Pauses_grow_and_never_pass_the_cap()
    {
        var cap = TimeSpan.FromSeconds(2);
        var retry = SubscriptionRetry.Create(12, cap, _clock, _ => true, (_, _, pause) => _pauses.Writer.TryWrite(pause));

        var run = retry.ExecuteAsync(_ => Fail(), CancellationToken.None).AsTask();
        var pauses = new List<TimeSpan>();
        for (var attempt = 1; attempt < 12; attempt++)
        {
            var pause = await NextPauseAsync();
            pauses.Add(pause);
            await _clock.WaitForTimerAsync(AsTimer(pause));
            _clock.Advance(pause);
        }

        await Assert.ThrowsAsync<TimeoutException>(() => run);
        Assert.All(pauses, p => Assert.InRange(p, TimeSpan.Zero, cap));
        Assert.True(pauses[^1] > pauses[0], $"Pauses {string.Join(", ", pauses)} did not grow.");
    }

    [Fact]
    public async Task A_failure_it_does_not_retry_is_thrown_at_once()
    {
        var retry = SubscriptionRetry.Create(5, TimeSpan.FromSeconds(30), _clock, e => e is not TimeoutException, (_, _, pause) => _pauses.Writer.TryWrite(pause));

        await Assert.ThrowsAsync<TimeoutException>(() => retry.ExecuteAsync(_ => Fail(), CancellationToken.None).AsTask());

        Assert.Equal(1, _attempts);
        Assert.False(_pauses.Reader.TryRead(out _));
    }

    [Fact]
    public async Task One_attempt_is_never_retried()
    {
        var retry = SubscriptionRetry.Create(1, TimeSpan.FromSeconds(30), _clock, _ => true, (_, _, pause) => _pauses.Writer.TryWrite(pause));

        await Assert.ThrowsAsync<TimeoutException>(() => retry.ExecuteAsync(_ => Fail(), CancellationToken.None).AsTask());

        Assert.Equal(1, _attempts);
    }

    [Fact]
    public async Task Stopping_during_a_pause_ends_the_retries()
    {
        using var stop = new CancellationTokenSource();
        var retry = SubscriptionRetry.Create(int.MaxValue, TimeSpan.FromSeconds(30), _clock, _ => true, (_, _, pause) => _pauses.Writer.TryWrite(pause));

        var run = retry.ExecuteAsync(_ => Fail(), stop.Token).AsTask();
        await _clock.WaitForTimerAsync(AsTimer(await NextPauseAsync()));
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, _attempts);
    }

    private ValueTask Fail()
    {
        Interlocked.Increment(ref _attempts);
        throw new TimeoutException();
    }

    /// <summary>The timer a pause becomes: Task.Delay counts whole milliseconds.</summary>
    private static TimeSpan AsTimer(TimeSpan pause) => TimeSpan.FromMilliseconds((long)pause.TotalMilliseconds);

    private async Task<TimeSpan> NextPauseAsync()
    {
        using var ceiling = new CancellationTokenSource(FakeClock.Ceiling);
        return await _pauses.Reader.ReadAsync(ceiling.Token);
    }
}
