using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.Contracts;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.WorkQueue;

namespace EdaAspire.IntegrationTests.Fulfillment;

/// <summary>Watches what the fulfillment workers did: the queue's counts, the result events in Kafka, the outcome metric, the spans.</summary>
public sealed class FulfillmentProbe : IDisposable
{
    private const string Telemetry = "EdaAspire.Fulfillment";

    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly ActivityListener _spans;
    private readonly ConcurrentQueue<Activity> _processed = new();

    public FulfillmentProbe()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _processed.Enqueue,
        };
        ActivitySource.AddActivityListener(_spans);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Telemetry && instrument.Name == "eda.fulfillment.commands")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "eda.fulfillment.outcome")
                {
                    lock (_outcomes)
                    {
                        _outcomes[(string)tag.Value!] = _outcomes.GetValueOrDefault((string)tag.Value!) + value;
                    }
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The "process fulfillment" spans that have ended.</summary>
    public IReadOnlyCollection<Activity> ProcessSpans => [.. _processed];

    /// <summary>Deliveries of the given commands that ended as <paramref name="outcome"/>, by their spans (other tests may run workers too).</summary>
    public long Outcomes(string outcome, IReadOnlySet<string> commandIds) => ProcessSpans.Count(s =>
        s.GetTagItem("eda.fulfillment.outcome") as string == outcome && commandIds.Contains(CommandIdOf(s)));

    /// <summary>The command a delivery was of: its CloudEvents id, the same on a retry's copy; the message id when it has no envelope.</summary>
    public static string CommandIdOf(Activity span) =>
        span.GetTagItem("cloudevents.event_id") as string ?? (string)span.GetTagItem("messaging.message.id")!;

    /// <summary>What the outcome counter reported in this process.</summary>
    public long MeteredOutcomes(string outcome)
    {
        lock (_outcomes)
        {
            return _outcomes.GetValueOrDefault(outcome);
        }
    }

    /// <summary>Waits until nothing is active or scheduled and the dead-letter queue holds <paramref name="deadLetters"/>.</summary>
    public static async Task WaitUntilDrainedAsync(IWorkQueue queue, long deadLetters, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        QueueCounts counts;
        do
        {
            counts = await queue.GetCountsAsync();
            if (counts is { Active: 0, Scheduled: 0 } && counts.DeadLettered == deadLetters)
            {
                return;
            }

            await Task.Delay(50); // polls until drained; the limit fails the test
        }
        while (!limit.IsCancellationRequested);

        Assert.Fail($"The queue did not drain in {timeout.TotalSeconds} s: {counts}; expected {deadLetters} dead letters.");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="limit"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < limit, $"Not reached within {limit.TotalSeconds} s.");
            await Task.Delay(20); // polls the condition; the limit fails the test
        }
    }

    /// <summary>Every record of topic <c>orders</c>, with its envelope and key.</summary>
    public static List<(string Key, EventEnvelope Envelope)> ResultEvents(string kafka)
    {
        var probe = new KafkaProbe(kafka);
        var records = probe.ReadAll(Topics.Orders, (int)probe.MessagesIn(Topics.Orders));
        return [.. records.Select(r =>
        {
            Assert.True(KafkaEnvelopeHeaders.TryRead(r.Message.Headers, r.Message.Value, out var envelope, out var problem), problem);
            return (r.Message.Key, envelope);
        })];
    }

    public static async Task<List<ReceivedMessage>> DeadLettersAsync(IWorkQueue queue) =>
        [.. await queue.PeekDeadLettersAsync(10_000)];

    public void Dispose()
    {
        _listener.Dispose();
        _spans.Dispose();
    }
}
