using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdaAspire.WorkQueueTests.Outage;

/// <summary>
/// RabbitMQ goes down under traffic: <c>rabbitmqctl stop_app</c> closes every connection and listener and stops the
/// queues, the broker stays away for a few seconds, <c>start_app</c> brings it back with its quorum queues. The AMQP
/// adapter's producers and receive loops must fail fast, reconnect by themselves and lose nothing acknowledged.
/// On a node of its own (<see cref="RabbitMqOutageNode"/>), so the conformance tests on the shared broker go on undisturbed.
/// </summary>
public sealed class RabbitMqQueueOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string QueueName = "outage";
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(4);

    // With the broker down a send fails as soon as its connection is refused (or its link closes), and within the backoff
    // after a failed attempt the adapter fails it at once; the bound of a hang is the 30 s connection-open timeout (a host
    // that does not answer at all). 30 s also allows for a loaded 2-core CI machine.
    private static readonly TimeSpan SendBound = TimeSpan.FromSeconds(30);

    private RabbitMqOutageNode? _node;
    private readonly List<IAsyncDisposable> _queues = [];

    private RabbitMqOutageNode Node => _node ?? throw new InvalidOperationException("The node did not start.");

    public async Task InitializeAsync() => _node = await RabbitMqOutageNode.StartAsync();

    [Fact]
    public async Task A_broker_stopped_under_traffic_loses_nothing_acknowledged_and_the_same_loops_resume()
    {
        var options = new WorkQueueOptions { QueueName = QueueName };
        await Node.DeclareQueueAsync(QueueName, options.MaxDeliveryCount);
        using var adapterLog = new RecordingLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(adapterLog).SetMinimumLevel(LogLevel.Debug));
        var sender = Open(options, loggers);
        var receiver = Open(options, loggers);

        var figures = await QueueOutageTraffic.RunAsync(sender, receiver, Node.StopAppAsync, Hold, Node.StartAppAsync, output);

        adapterLog.WriteTo(output, "adapter");
        QueueOutageTraffic.AssertRecovered(figures, SendBound);
        // No duplicate detection on RabbitMQ: a send that failed after the broker took it is delivered too, and absorbed
        // by the handler's dedupe. Once the receivers let go, nothing is left on the queue and nothing was dead-lettered.
        await DisposeQueuesAsync();
        var counts = await WaitForEmptyAsync(Open(options));
        Assert.Equal(new QueueCounts(0, 0, 0, 0), counts);
    }

    private IWorkQueue Open(WorkQueueOptions options, ILoggerFactory? loggers = null)
    {
        var queue = WorkQueueConnection.Parse(Node.ConnectionString).Open(options, loggers: loggers);
        _queues.Add((IAsyncDisposable)queue);
        return queue;
    }

    /// <summary>The management API's counts trail the queue; polls until they read empty (or returns the last).</summary>
    private static async Task<QueueCounts> WaitForEmptyAsync(IWorkQueue queue)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var counts = await queue.GetCountsAsync();
            if (counts == new QueueCounts(0, 0, 0, 0) || DateTime.UtcNow > deadline)
            {
                return counts;
            }

            await Task.Delay(200);
        }
    }

    private async Task DisposeQueuesAsync()
    {
        foreach (var queue in _queues)
        {
            await queue.DisposeAsync();
        }

        _queues.Clear();
    }

    public async Task DisposeAsync()
    {
        await DisposeQueuesAsync();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
