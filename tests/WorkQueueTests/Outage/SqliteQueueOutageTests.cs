using EdaAspire.Tests.Outage;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Sqlite;
using EdaAspire.WorkQueueTests.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace EdaAspire.WorkQueueTests.Outage;

/// <summary>
/// The embedded queue's store goes away under traffic: another connection takes the database's write lock and holds it
/// for 22 s (as a long write, a backup or a stuck process would), so no send, claim or settlement can commit; then it lets
/// go. Nothing acknowledged is lost, and the same producers and receive loops carry on by themselves.
/// </summary>
public sealed class SqliteQueueOutageTests(ITestOutputHelper output) : IDisposable
{
    // Longer than two busy timeouts (10 s each): a loop that was settling a message when the lock came fails that after
    // 10 s, then blocks in its next claim; only a lock that outlasts that claim too makes every loop fail a receive.
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(22);

    // An operation waits for the write lock up to the busy timeout (10 s) and then fails, so a send fails after ~10 s of
    // outage, never later; 30 s allows for a loaded 2-core CI machine.
    private static readonly TimeSpan SendBound = TimeSpan.FromSeconds(30);

    private readonly TemporaryDatabase _database = new();

    [Fact]
    public async Task A_store_locked_under_traffic_loses_nothing_acknowledged_and_the_same_loops_resume()
    {
        // A short lock, so a message whose completion the outage refused comes back soon after it.
        var options = new WorkQueueOptions { QueueName = "outage", LockDuration = TimeSpan.FromSeconds(5) };
        var sender = new SqliteWorkQueue(_database.ConnectionString, options);
        var receiver = new SqliteWorkQueue(_database.ConnectionString, options);
        await sender.GetCountsAsync(); // creates the schema
        SqliteConnection? holder = null;

        var figures = await QueueOutageTraffic.RunAsync(
            sender, receiver, async () => holder = await SqliteWriteLock.TakeAsync(_database.ConnectionString), Hold, async () => await holder!.DisposeAsync(), output);

        OutageRecovery.AssertRecovered(figures, SendBound);
        Assert.Equal(figures.Sends.Acknowledged, figures.Receives.Completed); // a failed send commits nothing
        Assert.Equal(new QueueCounts(0, 0, 0, 0), await receiver.GetCountsAsync());
    }

    public void Dispose() => _database.Dispose();
}
