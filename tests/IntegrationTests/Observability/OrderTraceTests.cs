using System.Diagnostics;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Fulfillment;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.ReadModels.Orders;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>
/// One order placed over HTTP, through the real Ingestion.Api, Saga.Worker (saga and fulfillment workers) and
/// Projections.Worker on the embedded Kafka cluster, SQLite and the SQLite queue: every hop is one span of one trace,
/// each the child of the hop that caused it, and the metrics count exactly this order's messages.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class OrderTraceTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The causal chain from the request to the read model of the saga's outcome, root first.</summary>
    private static readonly string[] ExpectedChain =
    [
        "POST", "send orders", "process orders [saga]",
        "create fulfillment", "process fulfillment", "send orders", "process orders [saga]",
        "create fulfillment", "process fulfillment", "send orders", "process orders [saga]",
        "create fulfillment", "process fulfillment", "send orders", "process orders [saga]",
        "create orders", "send orders", "process orders [projections-orders]",
    ];

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _readModels = new();
    private readonly TempDatabase _sagas = new("sagas");
    private readonly TempDatabase _messaging = new("messaging");
    private readonly InProcessTelemetry _telemetry = new();

    [Fact]
    public async Task One_order_is_one_trace_across_every_hop_and_the_metrics_count_its_messages()
    {
        await using var projections = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _readModels.ConnectionString);
        await using var saga = await SagaWorker.StartAsync(_kafka.BootstrapServers, _sagas.ConnectionString, _messaging.ConnectionString,
            roles: "saga,fulfillment", settings: FulfillmentHost.Settings());
        using var api = new IngestionApi(_kafka.BootstrapServers);
        using var client = await api.CreateClientWithSeededCatalogAsync();

        var orderId = await OrderRequests.PlaceAsync(client, new Uri("/api/orders", UriKind.Relative), "trace-1");
        await WaitForConfirmedAsync(orderId);
        var trace = await WaitForTraceAsync(orderId);
        output.WriteLine(trace.Render());
        RepositoryFiles.WriteArtifact("trace-tree-in-process.txt", trace.Render());

        AssertCausalChain(trace);
        AssertEverySendIsConsumedByBothGroups(trace);
        AssertSqlSpans(trace);
        await AssertMetricsAsync();
    }

    private async Task WaitForConfirmedAsync(Guid orderId)
    {
        var probe = new ReadModelsProbe(_readModels.ConnectionString);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            await using var db = probe.Open();
            try
            {
                if (await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId) is { Status: OrderStatus.Confirmed })
                {
                    return;
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Schema not created yet.
            }

            await Task.Delay(200); // polls the read model; Patience fails the test
        }

        Assert.Fail($"Order {orderId} was not confirmed in the read model within {Patience.TotalSeconds} s.");
    }

    /// <summary>The order's trace once its last hop (the projection of the saga's outcome) has ended.</summary>
    private async Task<TraceTree> WaitForTraceAsync(Guid orderId)
    {
        var placed = _telemetry.AllSpans.FirstOrDefault(s => s.DisplayName == "send orders" && s.GetTagItem("messaging.kafka.message.key") as string == orderId.ToString())
            ?? throw new InvalidOperationException("OrderPlaced was produced without a span.");
        var traceId = placed.TraceId.ToHexString();
        var clock = Stopwatch.StartNew();
        TraceTree tree;
        do
        {
            tree = new TraceTree(_telemetry.Trace(traceId));
            if (LongestChain(tree).Count >= ExpectedChain.Length && Sends(tree).Count == 5 && Sends(tree).All(send => ConsumerGroupsOf(tree, send).Count == 2))
            {
                break;
            }

            await Task.Delay(200); // polls the exported spans; Patience fails the test
        }
        while (clock.Elapsed < Patience);

        return tree;
    }

    private static List<TraceSpan> Sends(TraceTree tree) => tree.Spans.Where(s => s.Name == "send orders").ToList();

    private static HashSet<string?> ConsumerGroupsOf(TraceTree tree, TraceSpan send) =>
        tree.Children(send).Where(c => c.Kind == SpanKind.Consumer).Select(c => c.Attribute("messaging.consumer.group.name")).ToHashSet();

    private static bool IsProjectionOfOrders(TraceSpan span) => span.Label == "process orders [projections-orders]";

    private static List<TraceSpan> LongestChain(TraceTree tree) => tree.Spans
        .Where(IsProjectionOfOrders)
        .Select(tree.PathTo)
        .MaxBy(path => path.Count) ?? [];

    private static void AssertCausalChain(TraceTree tree)
    {
        var chain = LongestChain(tree);
        var labels = chain.Select(s => s.Label).ToList();
        Assert.True(labels.Count == ExpectedChain.Length && labels.Zip(ExpectedChain).All(p => p.First.StartsWith(p.Second, StringComparison.Ordinal)),
            $"Expected the chain\n  {string.Join("\n  ", ExpectedChain)}\nbut the longest was\n  {string.Join("\n  ", labels)}");

        Assert.Equal(SpanKind.Server, chain[0].Kind);
        Assert.Null(chain[0].ParentSpanId);
        foreach (var (parent, child) in chain.Zip(chain.Skip(1)))
        {
            // A child starts after its parent: the hops happened in this order.
            Assert.True(child.Start >= parent.Start, $"{child.Label} started before its parent {parent.Label}.");
        }

        var kinds = chain.Skip(1).Select(s => s.Kind).Distinct().ToHashSet();
        Assert.Equal([SpanKind.Producer, SpanKind.Consumer], kinds);
        Assert.All(chain.Where(s => s.Name.StartsWith("process orders", StringComparison.Ordinal)), s =>
        {
            Assert.Equal("kafka", s.Attribute("messaging.system"));
            Assert.Equal("process", s.Attribute("messaging.operation.type"));
            Assert.Equal("orders", s.Attribute("messaging.destination.name"));
            Assert.NotNull(s.Attribute("messaging.message.id"));
            Assert.NotNull(s.Attribute("messaging.kafka.offset"));
            Assert.NotNull(s.Attribute("messaging.destination.partition.id"));
        });
        Assert.All(chain.Where(s => s.Name == "process fulfillment"), s =>
        {
            Assert.Equal("fulfillment", s.Attribute("messaging.destination.name"));
            Assert.Equal("succeeded", s.Attribute("eda.fulfillment.outcome"));
        });
    }

    private static void AssertEverySendIsConsumedByBothGroups(TraceTree tree)
    {
        // OrderPlaced, three results and OrderConfirmed: each produced once and processed by each group.
        var sends = Sends(tree);
        Assert.Equal(5, sends.Count);
        Assert.All(sends, send =>
        {
            Assert.Equal(SpanKind.Producer, send.Kind);
            var consumers = ConsumerGroupsOf(tree, send);
            Assert.True(consumers.SetEquals(["saga", "projections-orders"]), $"{send.Attribute("messaging.message.id")} was processed by {string.Join(", ", consumers)}.");
        });

        // The queue's own send span sits under the relay's create span, beside the process span the message caused.
        Assert.All(tree.Spans.Where(s => s.Name == "create fulfillment"), create =>
            Assert.Equal(["process fulfillment", "send fulfillment"], tree.Children(create).Select(c => c.Name).Order(StringComparer.Ordinal)));
    }

    private static void AssertSqlSpans(TraceTree tree)
    {
        var sql = tree.Spans.Where(s => s.Scope == "EdaAspire.Sql").ToList();
        Assert.All(sql, s =>
        {
            Assert.Equal(SpanKind.Client, s.Kind);
            Assert.Equal("sqlite", s.Attribute("db.system.name"));
            Assert.NotNull(s.Attribute("db.operation.name"));
        });

        // The idempotency record under the request, the saga's transaction under its processing.
        Assert.Contains(sql, s => tree.Parent(s) is { Kind: SpanKind.Server } && s.Attribute("db.collection.name") == "OrderRequests");
        Assert.Contains(sql, s => tree.Parent(s)?.Label == "process orders [saga]" && s.Attribute("db.collection.name") == "Outbox");
        // A projection batch of this message alone writes in this trace; a batch of several writes in the batch's own
        // trace, linked from here (a late consumer-group join can batch the first events).
        Assert.All(tree.Spans.Where(s => IsProjectionOfOrders(s) && s.LinkedSpanIds.Count == 0), projection =>
            Assert.Contains(tree.Children(projection), s => s.Scope == "EdaAspire.Sql" && s.Attribute("db.collection.name") == "Orders"));
    }

    private async Task AssertMetricsAsync()
    {
        // The consumers' lag comes from librdkafka's statistics, once a second: wait for a report of both groups.
        var clock = Stopwatch.StartNew();
        IReadOnlyList<MetricValue> metrics;
        do
        {
            metrics = _telemetry.CollectMetrics();
            if (Lag(metrics, "saga").Any() && Lag(metrics, "projections-orders").Any() && Sum(metrics, "EdaAspire.Messaging", "messaging.client.consumed.messages", ("messaging.consumer.group.name", "saga")) >= 5)
            {
                break;
            }

            await Task.Delay(250); // polls the metrics; Patience fails the test
        }
        while (clock.Elapsed < Patience);

        foreach (var metric in metrics.Where(m => m.Value != 0).OrderBy(m => m.Meter, StringComparer.Ordinal).ThenBy(m => m.Instrument, StringComparer.Ordinal))
        {
            output.WriteLine($"{metric.Meter} {metric.Instrument} {string.Join(",", metric.Tags.Select(t => $"{t.Key}={t.Value}"))} = {metric.Value}");
        }

        Assert.Equal(5, Sum(metrics, "EdaAspire.Messaging", "messaging.client.sent.messages", ("messaging.destination.name", "orders")));
        Assert.Equal(0, metrics.Count(m => m.Instrument == "messaging.client.sent.messages" && m.Tags.ContainsKey("error.type")));
        Assert.Equal(5, Sum(metrics, "EdaAspire.Messaging", "messaging.client.consumed.messages", ("messaging.consumer.group.name", "saga")));
        Assert.Equal(5, Sum(metrics, "EdaAspire.Messaging", "messaging.client.consumed.messages", ("messaging.consumer.group.name", "projections-orders")));
        Assert.Equal(0, Sum(metrics, "EdaAspire.Messaging", "eda.messaging.failed.messages"));
        Assert.Equal(3, Sum(metrics, "EdaAspire.WorkQueue", "messaging.client.sent.messages", ("messaging.destination.name", "fulfillment")));
        Assert.Equal(3, Sum(metrics, "EdaAspire.Fulfillment", "eda.fulfillment.commands", ("eda.fulfillment.outcome", "succeeded")));
        Assert.Equal(1, Sum(metrics, "EdaAspire.Saga", "eda.saga.outcomes", ("eda.saga.status", "confirmed")));
        Assert.Equal(0, Sum(metrics, "EdaAspire.Saga", "eda.saga.outcomes", ("eda.saga.status", "cancelled")));
        Assert.Equal(5, Sum(metrics, "EdaAspire.Projections", "eda.projection.event.latency", ("eda.projection.name", "orders")));
        Assert.True(Sum(metrics, "EdaAspire.Messaging", "messaging.process.duration", ("messaging.consumer.group.name", "saga")) >= 1);
        Assert.All(Lag(metrics, "saga").Concat(Lag(metrics, "projections-orders")), lag => Assert.True(lag.Value >= 0));
        Assert.Contains(metrics, m => m.Instrument == "saga.outbox.backlog");
        Assert.Contains(metrics, m => m.Instrument == "eda.workqueue.messages" && m.Has("eda.workqueue.message.state", "dead_lettered"));
    }

    private static IEnumerable<MetricValue> Lag(IReadOnlyList<MetricValue> metrics, string group) =>
        metrics.Where(m => m.Instrument == "messaging.kafka.consumer.lag" && m.Has("messaging.consumer.group.name", group) && m.Has("messaging.destination.name", "orders"));

    private static double Sum(IReadOnlyList<MetricValue> metrics, string meter, string instrument, params (string Key, string Value)[] tags) => metrics
        .Where(m => m.Meter == meter && m.Instrument == instrument && tags.All(t => m.Has(t.Key, t.Value)))
        .Sum(m => m.Value);

    public void Dispose()
    {
        _telemetry.Dispose();
        _kafka.Dispose();
        _readModels.Dispose();
        _sagas.Dispose();
        _messaging.Dispose();
    }
}
