using System.Threading.Channels;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Sqlite;
using EdaAspire.WorkQueueTests.Conformance;
using Microsoft.Extensions.Time.Testing;

namespace EdaAspire.WorkQueueTests.Sqlite;

/// <summary>
/// A waiting receive on an empty SQLite queue polls less and less often, up to its cap, and still hands over a message
/// sent meanwhile at the next poll. The queue's clock is fake; the test learns each pause the moment the queue asks
/// for it and moves the clock by exactly that.
/// </summary>
public sealed class IdlePollingTests : IDisposable
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(30);
    private readonly TemporaryDatabase _database = new();
    private readonly PauseRecordingClock _clock = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Pauses_between_empty_polls_double_up_to_the_cap_and_a_message_sent_meanwhile_is_received_at_the_next_poll()
    {
        var options = new WorkQueueOptions
        {
            QueueName = "idle",
            ReceivePollInterval = TimeSpan.FromMilliseconds(50),
            MaxReceivePollInterval = TimeSpan.FromMilliseconds(500),
        };
        var queue = new SqliteWorkQueue(_database.ConnectionString, options, _clock);
        var receive = queue.ReceiveAsync(1, TimeSpan.FromMinutes(1));

        var pauses = new List<TimeSpan> { await _clock.NextPauseAsync(receive) };
        while (pauses.Count < 6)
        {
            _clock.Fake.Advance(pauses[^1]);
            pauses.Add(await _clock.NextPauseAsync(receive));
        }

        Assert.Equal("50 100 200 400 500 500", string.Join(' ', pauses.Select(p => p.TotalMilliseconds)));

        // The queue sleeps on its sixth pause: only moving the clock can wake it.
        await queue.SendAsync(TestMessages.Text("m-1", "sent while the receive waits"));
        Assert.False(receive.IsCompleted, "the receive ended before its next poll");
        _clock.Fake.Advance(pauses[^1]);

        var received = Assert.Single(await receive.WaitAsync(Ceiling));
        Assert.Equal("sent while the receive waits", TestMessages.BodyText(received));
    }

    /// <summary>A fake clock that tells each pause (a one-shot timer) as it is asked for.</summary>
    private sealed class PauseRecordingClock : TimeProvider
    {
        private readonly Channel<TimeSpan> _pauses = Channel.CreateUnbounded<TimeSpan>();

        public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _pauses.Writer.TryWrite(dueTime);
            return Fake.CreateTimer(callback, state, dueTime, period);
        }

        /// <summary>The next pause the queue asks for; fails with what it saw if the receive ends first or none comes.</summary>
        public async Task<TimeSpan> NextPauseAsync(Task receive)
        {
            var next = _pauses.Reader.ReadAsync().AsTask();
            await Task.WhenAny(next, receive, Task.Delay(Ceiling)); // the ceiling on the wait for a condition
            Assert.True(next.IsCompleted, receive.IsCompleted
                ? $"the receive ended ({receive.Status}) instead of pausing again"
                : $"no pause asked for within {Ceiling} of real time");
            return await next;
        }
    }
}
