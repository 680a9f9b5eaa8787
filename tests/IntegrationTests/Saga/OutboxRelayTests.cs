extern alias saga;

using System.Collections.Concurrent;
using System.Diagnostics;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Persistence;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using EdaAspire.WorkQueue.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using saga::EdaAspire.Saga.Worker.Data;
using saga::EdaAspire.Saga.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.IntegrationTests.Saga;

/// <summary>
/// The outbox relay on the real saga host's services, relaying by hand: commands go to the SQLite queue in batches,
/// in outbox order, each message continuing the trace its row stored.
/// </summary>
public sealed class OutboxRelayTests : IDisposable
{
    private const int Commands = 120; // more than two of the relay's command batches (50)
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _sagas = new("sagas");
    private readonly TempDatabase _messaging = new("messaging");
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public OutboxRelayTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is OutboxBacklog.MeterName or WorkQueueTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task Commands_are_sent_in_batches_in_outbox_order_each_in_its_own_trace()
    {
        using var host = SagaWorker.Build(_kafka.BootstrapServers, _sagas.ConnectionString, _messaging.ConnectionString);
        var rows = Enumerable.Range(0, Commands).Select(i => Command(i, ActivityTraceId.CreateRandom())).ToList();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SagaDbContext>();
            await db.EnsureSchemaAsync();
            db.Outbox.AddRange(rows);
            await db.SaveChangesAsync();
        }

        var relay = host.Services.GetRequiredService<OutboxRelay>();
        Assert.Equal(Commands, await relay.RelayOnceAsync(CancellationToken.None));

        var queue = WorkQueueConnection.Parse(_messaging.ConnectionString).Open(new WorkQueueOptions { QueueName = FulfillmentCommandCatalog.QueueName });
        var received = await queue.ReceiveAsync(Commands, TimeSpan.FromSeconds(10));
        Assert.Equal(rows.Select(r => r.MessageId), received.Select(m => m.MessageId));
        var sentIn = received.Select(m => ActivityContext.Parse(m.ApplicationProperties["traceparent"], null)).ToList();
        foreach (var (row, context) in rows.Zip(sentIn))
        {
            Assert.Equal(ActivityContext.Parse(row.TraceParent!, null).TraceId, context.TraceId);
            Assert.Equal("create fulfillment", Assert.Single(_spans, s => s.SpanId == context.SpanId).DisplayName);
        }

        // One queue transaction per batch of 50, its span linked to the relay span of every message in it.
        var creates = sentIn.Select(c => c.SpanId).ToHashSet();
        var sends = _spans.Where(s => s.DisplayName == "send fulfillment" && s.Links.Any(l => creates.Contains(l.Context.SpanId)));
        Assert.Equal([20, 50, 50], sends.Select(s => s.Links.Count()).Order());

        await using var check = host.Services.CreateAsyncScope();
        Assert.Equal(0, await check.ServiceProvider.GetRequiredService<SagaDbContext>().Outbox.CountAsync());
    }

    private static OutboxMessage Command(int i, ActivityTraceId trace) => new()
    {
        MessageId = $"cmd-{i:D3}",
        Destination = FulfillmentCommandCatalog.QueueName,
        Type = "com.edaaspire.fulfillment.test.v1",
        OrderId = $"order-{i:D3}",
        Body = "{}"u8.ToArray(),
        TraceParent = $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01",
        CreatedAt = DateTimeOffset.UtcNow,
        NextAttemptAt = DateTimeOffset.UtcNow.AddSeconds(-1),
    };

    public void Dispose()
    {
        _listener.Dispose();
        _kafka.Dispose();
        _sagas.Dispose();
        _messaging.Dispose();
    }
}
