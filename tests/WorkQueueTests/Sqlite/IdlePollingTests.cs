using EdaAspire.Tests.Time;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Sqlite;
using EdaAspire.WorkQueueTests.Conformance;

namespace EdaAspire.WorkQueueTests.Sqlite;

/// <summary>
/// A waiting receive on an empty SQLite queue polls less and less often, up to its cap, and still hands over a message
/// sent meanwhile at the next poll. The queue's clock is fake; the test waits for each pause the queue asks for and
/// moves the clock by exactly that.
/// </summary>
public sealed class IdlePollingTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly FakeClock _clock = new();

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

        var pauses = new[] { 50, 100, 200, 400, 500, 500 }.Select(ms => TimeSpan.FromMilliseconds(ms)).ToList();
        foreach (var pause in pauses.SkipLast(1))
        {
            await _clock.WaitForTimerAsync(pause); // the poll found nothing and asked for this pause
            _clock.Advance(pause);
        }

        // The queue sleeps on its sixth pause: only moving the clock can wake it.
        await _clock.WaitForTimerAsync(pauses[^1]);
        await queue.SendAsync(TestMessages.Text("m-1", "sent while the receive waits"));
        Assert.False(receive.IsCompleted, "the receive ended before its next poll");
        _clock.Advance(pauses[^1]);

        var received = Assert.Single(await receive.WaitAsync(FakeClock.Ceiling));
        Assert.Equal("sent while the receive waits", TestMessages.BodyText(received));
    }
}
