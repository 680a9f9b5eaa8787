using System.Diagnostics.Metrics;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using EdaAspire.WorkQueue.Telemetry;
using EdaAspire.WorkQueueTests.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EdaAspire.WorkQueueTests.Sqlite;

/// <summary>
/// The conformance suite against the embedded SQLite queue, through the same wiring a service gets, on a fake clock the
/// tests move: locks, schedules and retry delays expire when the test says so, however busy the machine is.
/// </summary>
public sealed class SqliteWorkQueueConformanceTests : WorkQueueConformance, IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    // Starts at the real time: the consumer-probe processes share the file on the real clock.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override string ProbeConnectionString => _database.ConnectionString;

    // A message is in the store or not: one poll tells.
    protected override TimeSpan ArrivalWait => TimeSpan.Zero;

    protected override DateTimeOffset Now => _clock.GetUtcNow();

    protected override Task LetTimePassAsync(TimeSpan span)
    {
        if (span > TimeSpan.Zero)
        {
            _clock.Advance(span);
        }

        return Task.CompletedTask;
    }

    /// <summary>Moves the clock a poll interval at a time until the operation completes.</summary>
    protected override async Task<T> WhileTimePassesAsync<T>(Task<T> pending)
    {
        var deadline = DateTimeOffset.UtcNow + Ceiling;
        while (!pending.IsCompleted)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"still pending after {Ceiling} of real time and {_clock.GetUtcNow()} on the queue's clock");
            _clock.Advance(new WorkQueueOptions { QueueName = "defaults" }.ReceivePollInterval);
            await Task.WhenAny(pending, Task.Delay(10)); // a wait for the queue's next poll to run, not for time to pass
        }

        return await pending;
    }

    protected override Task<IWorkQueue> CreateQueueAsync(WorkQueueOptions options)
    {
        var connection = WorkQueueConnection.Parse(_database.ConnectionString);
        return Task.FromResult<IWorkQueue>(new InstrumentedWorkQueue(
            connection.Open(options, _clock), connection.MessagingSystem, new WorkQueueTelemetry(_metrics.GetRequiredService<IMeterFactory>())));
    }

    public void Dispose()
    {
        _database.Dispose();
        _metrics.Dispose();
    }
}
