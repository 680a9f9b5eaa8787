using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using EdaAspire.WorkQueue.Telemetry;
using EdaAspire.WorkQueueTests.Conformance;
using EdaAspire.WorkQueueTests.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;

namespace EdaAspire.WorkQueueTests.Hosting;

/// <summary>The spans and metrics a registered queue reports, under the messaging semantic conventions.</summary>
public sealed class WorkQueueTelemetryTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    // Other tests run in parallel and report too: look only at this test's queue.
    private readonly string _queueName = $"telemetry-{Guid.NewGuid():N}";

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_send_is_a_producer_span_named_after_the_queue()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkQueueTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var host = AddWorkQueueTests.Build(_database.ConnectionString, b => b.AddWorkQueue(_queueName));

        await host.Services.GetRequiredService<IWorkQueue>().SendAsync(TestMessages.Text("m-1"));

        var span = Assert.Single(spans, s => s.DisplayName == $"send {_queueName}");
        Assert.Equal(ActivityKind.Producer, span.Kind);
        Assert.Equal("sqlite_queue", span.GetTagItem("messaging.system"));
        Assert.Equal(_queueName, span.GetTagItem("messaging.destination.name"));
        Assert.Equal("m-1", span.GetTagItem("messaging.message.id"));
    }

    [Fact]
    public async Task Sent_received_and_settled_messages_are_counted_by_operation()
    {
        var counted = new ConcurrentDictionary<string, long>();
        using var listener = Listen((instrument, value, tags) =>
        {
            if (tags.TryGetValue("messaging.destination.name", out var queue) && (string?)queue == _queueName)
            {
                var key = $"{instrument.Name}:{tags.GetValueOrDefault("messaging.operation.name")}";
                counted.AddOrUpdate(key, value, (_, total) => total + value);
            }
        });
        using var host = AddWorkQueueTests.Build(_database.ConnectionString, b => b.AddWorkQueue(_queueName));
        var queue = host.Services.GetRequiredService<IWorkQueue>();

        await queue.SendAsync([TestMessages.Text("a"), TestMessages.Text("b"), TestMessages.Text("c")]);
        var received = await queue.ReceiveAsync(3, TimeSpan.FromSeconds(5));
        await queue.CompleteAsync(received[0]);
        await queue.AbandonAsync(received[1]);
        await queue.DeadLetterAsync(received[2], "Poison");

        Assert.Equal(3, counted["messaging.client.sent.messages:send"]);
        Assert.Equal(3, counted["messaging.client.consumed.messages:receive"]);
        Assert.Equal(1, counted["eda.workqueue.settled.messages:complete"]);
        Assert.Equal(1, counted["eda.workqueue.settled.messages:abandon"]);
        Assert.Equal(1, counted["eda.workqueue.settled.messages:dead_letter"]);
    }

    [Fact]
    public async Task Each_host_counts_on_the_meter_of_its_own_factory_only()
    {
        using var host = AddWorkQueueTests.Build(_database.ConnectionString, b => b.AddWorkQueue(_queueName));
        using var otherHost = AddWorkQueueTests.Build(_database.ConnectionString, b => b.AddWorkQueue(_queueName));
        using var sent = Collect(host, "messaging.client.sent.messages");
        using var consumed = Collect(host, "messaging.client.consumed.messages");
        using var otherSent = Collect(otherHost, "messaging.client.sent.messages");
        using var otherConsumed = Collect(otherHost, "messaging.client.consumed.messages");

        // One queue, two hosts: one sends, the other receives.
        await host.Services.GetRequiredService<IWorkQueue>().SendAsync(TestMessages.Text("m-1"));
        Assert.Single(await otherHost.Services.GetRequiredService<IWorkQueue>().ReceiveAsync(1, TimeSpan.FromSeconds(5)));

        Assert.Equal(1, Assert.Single(sent.GetMeasurementSnapshot()).Value);
        Assert.Equal(1, Assert.Single(otherConsumed.GetMeasurementSnapshot()).Value);
        Assert.Empty(otherSent.GetMeasurementSnapshot());
        Assert.Empty(consumed.GetMeasurementSnapshot());

        static MetricCollector<long> Collect(IHost host, string instrument) =>
            new(host.Services.GetRequiredService<IMeterFactory>(), WorkQueueTelemetry.Name, instrument);
    }

    [Fact]
    public async Task A_running_service_reports_its_queue_depth_by_state()
    {
        var depth = new ConcurrentDictionary<string, long>();
        using var listener = Listen((instrument, value, tags) =>
        {
            if (instrument.Name == "eda.workqueue.messages" && (string?)tags.GetValueOrDefault("messaging.destination.name") == _queueName)
            {
                depth[(string)tags["eda.workqueue.message.state"]!] = value;
            }
        });
        using var host = AddWorkQueueTests.Build(_database.ConnectionString, b => b.AddWorkQueue(_queueName));
        await host.Services.GetRequiredService<IWorkQueue>().SendAsync([TestMessages.Text("a"), TestMessages.Text("b")]);

        await host.StartAsync(); // the depth monitor reads the counts at once, then every few seconds
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (depth.GetValueOrDefault("active") != 2)
        {
            await Task.Delay(50, timeout.Token); // the monitor's first reading is the condition
            listener.RecordObservableInstruments();
        }

        Assert.Equal(0, depth["dead_lettered"]);
        Assert.Equal(0, depth["scheduled"]);
        await host.StopAsync();
    }

    private static MeterListener Listen(Action<Instrument, long, Dictionary<string, object?>> onMeasurement)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == WorkQueueTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            onMeasurement(instrument, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        listener.Start();
        return listener;
    }
}
