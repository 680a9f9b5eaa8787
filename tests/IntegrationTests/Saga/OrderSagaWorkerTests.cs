using EdaAspire.Contracts;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;

namespace EdaAspire.IntegrationTests.Saga;

/// <summary>
/// Saga.Worker against the embedded Kafka cluster and the SQLite work queue: order events in, commands out
/// through the transactional outbox, outcome events back to the topic.
/// </summary>
public sealed class OrderSagaWorkerTests : IDisposable
{
    private static readonly ShippingAddress Address = new("Ada", "1 Way", null, "London", "N1", "GB");
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _sagas = new("sagas");
    private readonly TempDatabase _messaging = new("messaging");
    private readonly OrderEventWriter _writer;
    private readonly KafkaProbe _probe;
    private readonly IWorkQueue _queue;

    public OrderSagaWorkerTests()
    {
        _writer = new OrderEventWriter(_kafka.BootstrapServers);
        _probe = new KafkaProbe(_kafka.BootstrapServers);
        _queue = WorkQueueConnection.Parse(_messaging.ConnectionString).Open(new WorkQueueOptions { QueueName = FulfillmentCommandCatalog.QueueName });
    }

    // The outbox relay polls once an hour here: whatever it sends within a test, a commit of the saga woke it for.
    private static readonly Dictionary<string, string?> WokenRelayOnly = new() { ["Saga:Outbox:IdleDelay"] = "01:00:00" };

    private static OrderPlaced Placed(Guid id) =>
        new(id, "c-1", [new OrderLine("p-1", 1, 40m)], "EUR", 40m, Address, DateTimeOffset.UtcNow);

    private async Task<ReceivedMessage> ReceiveCommandAsync()
    {
        var received = await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(20));
        return Assert.Single(received);
    }

    [Fact]
    public async Task A_placed_order_sends_AuthorizePayment_and_a_decline_publishes_OrderCancelled_once()
    {
        await using var worker = await SagaWorker.StartAsync(_kafka.BootstrapServers, _sagas.ConnectionString, _messaging.ConnectionString);
        var id = Guid.NewGuid();

        await _writer.WriteAsync(Placed(id), DateTimeOffset.UtcNow, eventId: $"{id}:placed");
        var command = await ReceiveCommandAsync();

        Assert.Equal($"{id:N}/authorize-payment", command.MessageId);
        Assert.Equal(id.ToString(), command.CorrelationId);
        Assert.True(QueueEnvelopeProperties.TryRead(command.ApplicationProperties, command.Body, out var envelope, out var problem), problem);
        var authorize = Assert.IsType<AuthorizePayment>(FulfillmentCommandCatalog.Instance.Read(envelope.Type, envelope.Data));
        Assert.Equal(40m, authorize.Amount);
        Assert.Equal($"{id}:placed", envelope.CausationId);
        Assert.NotEqual(default, envelope.Trace);
        await _queue.CompleteAsync(command);

        // The same OrderPlaced again (a producer retry): the inbox skips it, no second command.
        await _writer.WriteAsync(Placed(id), DateTimeOffset.UtcNow, eventId: $"{id}:placed");
        await _writer.WriteAsync(new PaymentDeclined(id, "card expired"), DateTimeOffset.UtcNow);

        var cancelled = await WaitForEventAsync(id, "shop.order.cancelled.v1");
        Assert.Equal($"{id:N}/cancelled", cancelled.Id);
        Assert.Contains("card expired", Assert.IsType<OrderCancelled>(OrderEventCatalog.Instance.Read(cancelled.Type, cancelled.Data)).Reason);
        Assert.Empty(await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_step_past_its_deadline_is_cancelled_by_the_watcher()
    {
        await using var worker = await SagaWorker.StartAsync(_kafka.BootstrapServers, _sagas.ConnectionString, _messaging.ConnectionString, stepTimeout: TimeSpan.FromSeconds(1), settings: WokenRelayOnly);
        var id = Guid.NewGuid();

        await _writer.WriteAsync(Placed(id), DateTimeOffset.UtcNow);
        await _queue.CompleteAsync(await ReceiveCommandAsync());

        var cancelled = await WaitForEventAsync(id, "shop.order.cancelled.v1");
        Assert.Contains("timed out", Assert.IsType<OrderCancelled>(OrderEventCatalog.Instance.Read(cancelled.Type, cancelled.Data)).Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_happy_path_confirms_through_every_command()
    {
        await using var worker = await SagaWorker.StartAsync(_kafka.BootstrapServers, _sagas.ConnectionString, _messaging.ConnectionString, settings: WokenRelayOnly);
        var id = Guid.NewGuid();
        await _writer.WriteAsync(Placed(id), DateTimeOffset.UtcNow);

        var answers = new Dictionary<string, IOrderEvent>
        {
            ["authorize-payment"] = new PaymentAuthorized(id, "pay-1", 40m, "EUR"),
            ["reserve-stock"] = new StockReserved(id, "res-1"),
            ["schedule-shipment"] = new ShipmentScheduled(id, "ship-1", "PostNL"),
        };
        foreach (var (step, answer) in answers)
        {
            var command = await ReceiveCommandAsync();
            Assert.Equal($"{id:N}/{step}", command.MessageId);
            await _writer.WriteAsync(answer, DateTimeOffset.UtcNow);
            await _queue.CompleteAsync(command);
        }

        var confirmed = await WaitForEventAsync(id, "shop.order.confirmed.v1");
        Assert.Equal(40m, Assert.IsType<OrderConfirmed>(OrderEventCatalog.Instance.Read(confirmed.Type, confirmed.Data)).Total);
    }

    private async Task<EventEnvelope> WaitForEventAsync(Guid orderId, string type)
    {
        for (var i = 0; i < 60; i++)
        {
            foreach (var record in _probe.ReadAll(Topics.Orders, expected: int.MaxValue, TimeSpan.FromMilliseconds(500)))
            {
                if (record.Message.Key == orderId.ToString()
                    && KafkaEnvelopeHeaders.TryRead(record.Message.Headers, record.Message.Value, out var envelope, out _)
                    && envelope.Type == type)
                {
                    return envelope;
                }
            }
        }

        Assert.Fail($"No {type} for order {orderId} in the log.");
        return null!;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _kafka.Dispose();
        _sagas.Dispose();
        _messaging.Dispose();
    }
}
