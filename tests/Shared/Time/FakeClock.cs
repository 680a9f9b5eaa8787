using Microsoft.Extensions.Time.Testing;

namespace EdaAspire.Tests.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also shows which of its timers are pending. A component on its own task
/// creates its next timer only once it is done with the last one, so "a timer of that length is pending" is the
/// test's proof that the component reached that wait: only then is advancing the clock meaningful, and only then
/// is the absence of an effect an absence and not a delay.
/// </summary>
public sealed class FakeClock : FakeTimeProvider
{
    /// <summary>How long a real wait for the component to reach a timer may take: far beyond a busy machine's pause.</summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<Pending> _pending = [];
    private TaskCompletionSource _changed = NewSignal();

    public FakeClock()
        : base(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var pending = new Pending(dueTime, period);
        var timer = base.CreateTimer(_ => Fire(pending, callback, state), null, dueTime, period);
        Update(() => _pending.Add(pending));
        return new Observed(timer, pending, this);
    }

    /// <summary>Whether a timer created with <paramref name="dueTime"/> is waiting to fire.</summary>
    public bool HasTimer(TimeSpan dueTime)
    {
        lock (_lock)
        {
            return _pending.Exists(p => p.DueTime == dueTime);
        }
    }

    /// <summary>Waits (in real time) until a timer created with <paramref name="dueTime"/> is waiting to fire.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var ceiling = new CancellationTokenSource(Ceiling);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_pending.Exists(p => p.DueTime == dueTime))
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(ceiling.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No timer of {dueTime} was pending within {Ceiling.TotalSeconds} s; pending: {Describe()}.");
            }
        }
    }

    private string Describe()
    {
        lock (_lock)
        {
            return _pending.Count == 0 ? "none" : string.Join(", ", _pending.Select(p => p.DueTime));
        }
    }

    private void Fire(Pending pending, TimerCallback callback, object? state)
    {
        if (pending.Period == Timeout.InfiniteTimeSpan || pending.Period == TimeSpan.Zero)
        {
            Update(() => _pending.Remove(pending));
        }

        callback(state);
    }

    private void Update(Action change)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            change();
            changed = _changed;
            _changed = NewSignal();
        }

        changed.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Pending(TimeSpan dueTime, TimeSpan period)
    {
        public TimeSpan DueTime { get; set; } = dueTime;

        public TimeSpan Period { get; set; } = period;
    }

    /// <summary>The fake's timer, reporting a disposal or a change back to the clock.</summary>
    private sealed class Observed(ITimer timer, Pending pending, FakeClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Update(() =>
            {
                clock._pending.Remove(pending);
                pending.DueTime = dueTime;
                pending.Period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    clock._pending.Add(pending);
                }
            });
            return timer.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Update(() => clock._pending.Remove(pending));
            timer.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            clock.Update(() => clock._pending.Remove(pending));
            return timer.DisposeAsync();
        }
    }
}
