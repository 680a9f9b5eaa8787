using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using EdaAspire.WorkQueue.Telemetry;
using EdaAspire.WorkQueueTests.Conformance;

namespace EdaAspire.WorkQueueTests.RabbitMq;

/// <summary>
/// The conformance suite against RabbitMQ 3.x over AMQP 1.0, through the same wiring a service gets
/// (<c>ConnectionStrings:messaging = Endpoint=amqp://…</c>). Each test gets its own quorum queue and dead-letter queue.
/// </summary>
[Collection(RabbitMqBrokerGroup.Name)]
public sealed class RabbitMqWorkQueueConformanceTests(RabbitMqBroker broker) : WorkQueueConformance, IAsyncLifetime
{
    /// <summary>What RabbitMQ 3.x cannot show of Service Bus's queue (see WorkQueue/README.md).</summary>
    public static QueueCapabilities RabbitMqCapabilities { get; } = new()
    {
        SupportsScheduling = false,         // no scheduled enqueue in RabbitMQ: sending one throws NotSupportedException
        SupportsDeliveryCount = false,      // RabbitMQ 3.x never sets the AMQP header's delivery-count
        ReportsDeadLetterReason = false,    // Rejected's error info is dropped when the queue dead-letters
        SupportsDuplicateDetection = false, // RabbitMQ has none
        CountsTrailBy = TimeSpan.FromSeconds(15), // management API statistics are periodic
    };

    private readonly List<(string Name, IAsyncDisposable Queue)> _queues = [];

    protected override QueueCapabilities Capabilities => RabbitMqCapabilities;

    protected override string ProbeConnectionString => RabbitMqBroker.ConnectionString;

    protected override async Task<IWorkQueue> CreateQueueAsync(WorkQueueOptions options)
    {
        await broker.DeclareQueueAsync(options.QueueName, options.MaxDeliveryCount);
        var connection = WorkQueueConnection.Parse(RabbitMqBroker.ConnectionString);
        var queue = connection.Open(options);
        _queues.Add((options.QueueName, (IAsyncDisposable)queue));
        return new InstrumentedWorkQueue(queue, connection.MessagingSystem);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (name, queue) in _queues)
        {
            await queue.DisposeAsync();
            await broker.DeleteQueueAsync(name);
        }
    }
}
