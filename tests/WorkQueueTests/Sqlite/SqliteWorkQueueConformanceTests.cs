using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using EdaAspire.WorkQueue.Telemetry;
using EdaAspire.WorkQueueTests.Conformance;

namespace EdaAspire.WorkQueueTests.Sqlite;

/// <summary>The conformance suite against the embedded SQLite queue, through the same wiring a service gets.</summary>
public sealed class SqliteWorkQueueConformanceTests : WorkQueueConformance, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override string ProbeConnectionString => _database.ConnectionString;

    protected override Task<IWorkQueue> CreateQueueAsync(WorkQueueOptions options)
    {
        var connection = WorkQueueConnection.Parse(_database.ConnectionString);
        return Task.FromResult<IWorkQueue>(new InstrumentedWorkQueue(connection.Open(options), connection.MessagingSystem));
    }

    public void Dispose() => _database.Dispose();
}
