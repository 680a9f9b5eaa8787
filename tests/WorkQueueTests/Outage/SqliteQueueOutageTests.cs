using EdaAspire.Tests.Outage;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Sqlite;
using EdaAspire.WorkQueueTests.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace EdaAspire.WorkQueueTests.Outage;

/// <summary>
/// The embedded queue's store goes away under traffic: another connection takes the database's write lock and holds it
/// for a while (as a long write, a backup or a stuck process would), so no send, claim or settlement can commit; then it lets
/// go. Nothing acknowledged is lost, and the same producers and receive loops carry on by themselves.
/// </summary>
public sealed class SqliteQueueOutageTests(ITestOutputHelper output) : IDisposable
{
    // The queue's operations wait this long for the write lock, then fail (the production default is 10 s). A loop that
    // was settling a message when the lock came fails that, then blocks in its next claim and fails that too: the hold
    // outlasts both by far, so even a loaded machine's loops meet the outage.
    private const int BusyTimeoutSeconds = 2;
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(16);

    private readonly TemporaryDatabase _database = new();

    [Fact]
    public async Task A_store_locked_under_traffic_loses_nothing_acknowledged_and_the_same_loops_resume()
    {
        // A short lock, so a message whose completion the outage refused comes back soon after it.
        var options = new WorkQueueOptions { QueueName = "outage", LockDuration = TimeSpan.FromSeconds(5) };
        var queue = $"{_database.ConnectionString};Default Timeout={BusyTimeoutSeconds}";
        var sender = new SqliteWorkQueue(queue, options);
        var receiver = new SqliteWorkQueue(queue, options);
        await sender.GetCountsAsync(); // creates the schema
        SqliteConnection? holder = null;

        var figures = await QueueOutageTraffic.RunAsync(
            sender, receiver, async () => holder = await SqliteWriteLock.TakeAsync(_database.ConnectionString), Hold, async () => await holder!.DisposeAsync(), output);

        OutageRecovery.AssertRecovered(figures);
        Assert.Equal(figures.Sends.Acknowledged, figures.Receives.Completed); // a failed send commits nothing
        Assert.Equal(new QueueCounts(0, 0, 0, 0), await receiver.GetCountsAsync());
    }

    public void Dispose() => _database.Dispose();
}
