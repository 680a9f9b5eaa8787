using System.Diagnostics;
using Xunit.Abstractions;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>
/// The standalone system, each service its own process, exports OTLP/HTTP to a receiver this test hosts: every
/// service arrives under its own service.name, and one order's trace crosses the services, as Aspire's dashboard
/// would show it.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class StandaloneOtlpTests(ITestOutputHelper output)
{
    private static readonly string[] Services = ["ingestion", "projections", "saga", "dashboard"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Every_service_exports_under_its_name_and_an_order_is_one_trace_across_them()
    {
        var clock = Stopwatch.StartNew();
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var system = await StandaloneWithOtlp.StartAsync(receiver.Endpoint);
        output.WriteLine($"Standalone started in {clock.Elapsed.TotalSeconds:F1} s");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var orderId = await OrderRequests.PlaceAsync(http, new Uri(system.IngestionUrl, "api/orders"), "otlp-1");
        // A read-side request, so the dashboard has a span of its own whatever its live feed saw.
        using (await http.GetAsync(new Uri(system.DashboardUrl, $"api/orders/{orderId}")))
        {
        }

        output.WriteLine($"Order placed at {clock.Elapsed.TotalSeconds:F1} s");
        var trace = await WaitForOrderTraceAsync(receiver, orderId);
        output.WriteLine($"Trace complete at {clock.Elapsed.TotalSeconds:F1} s");
        var tree = new TraceTree(trace);
        var rendered = $"Order {orderId}: trace {trace.FirstOrDefault()?.TraceId}\n{tree.Render()}";
        output.WriteLine(rendered);
        RepositoryFiles.WriteArtifact("trace-tree.txt", rendered);

        Assert.Equal(Services.Order(StringComparer.Ordinal), receiver.Spans.Select(s => s.Service).Where(Services.Contains).Distinct().Order(StringComparer.Ordinal));
        var inTrace = trace.Select(s => s.Service).ToHashSet();
        Assert.True(inTrace.Count >= 3 && inTrace.IsSupersetOf(["ingestion", "saga", "projections"]),
            $"The order's trace spans {string.Join(", ", inTrace)}.\n{system.Tail(40)}");

        // The hops across processes are parent and child: the saga's processing of OrderPlaced is the child of
        // the ingestion's send, whose parent is the HTTP request.
        var send = Assert.Single(trace, s => s.Service == "ingestion" && s.Name == "send orders");
        Assert.Equal(SpanKind.Server, tree.Parent(send)?.Kind);
        Assert.Contains(tree.Children(send), c => c.Service == "saga" && c.Label == "process orders [saga]");
        Assert.Contains(tree.Children(send), c => c.Service == "projections" && c.Label == "process orders [projections-orders]");

        Assert.All(Services, service => Assert.Contains(receiver.Metrics, m => m.Service == service));
        Assert.Contains(receiver.Metrics, m => m.Service == "ingestion" && m.Metric == "messaging.client.sent.messages");
        Assert.Contains(receiver.Metrics, m => m.Service == "saga" && m.Metric == "messaging.kafka.consumer.lag");
        Assert.All(Services, service => Assert.Contains(receiver.Logs, l => l.Service == service));
        // Logs are correlated: the ingestion's line about the order carries the order's trace id.
        Assert.Contains(receiver.Logs, l => l.Service == "ingestion" && l.TraceId == send.TraceId && l.Body.Contains(orderId.ToString(), StringComparison.Ordinal));
    }

    /// <summary>
    /// The order's spans once every service has exported something and the trace reached the read model of the
    /// saga's outcome (or the patience ran out: the simulators may fail a step, and a poisoned command waits for
    /// its deadline, which starts a trace of its own).
    /// </summary>
    private static async Task<List<TraceSpan>> WaitForOrderTraceAsync(OtlpReceiver receiver, Guid orderId)
    {
        var clock = Stopwatch.StartNew();
        List<TraceSpan> trace = [];
        while (clock.Elapsed < Patience)
        {
            var placed = receiver.Spans.FirstOrDefault(s => s.Service == "ingestion" && s.Name == "send orders"
                && s.Attribute("messaging.kafka.message.key") == orderId.ToString());
            if (placed is not null)
            {
                trace = receiver.Spans.Where(s => s.TraceId == placed.TraceId).ToList();
                var allServices = Services.All(service => receiver.Spans.Any(s => s.Service == service));
                var outcomeProjected = trace.Any(s => s.Name == "create orders")
                    && trace.Count(s => s.Label == "process orders [projections-orders]") >= 2
                    && trace.Count(s => s.Label == "process orders [projections-orders]") == trace.Count(s => s.Name == "send orders");
                if (allServices && outcomeProjected && receiver.Logs.Any(l => l.TraceId == placed.TraceId))
                {
                    // The last exports of a second ago may still be on their way.
                    await Task.Delay(TimeSpan.FromSeconds(2));
                    return receiver.Spans.Where(s => s.TraceId == placed.TraceId).ToList();
                }
            }

            await Task.Delay(250);
        }

        return trace;
    }
}
