using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.SemanticConventions;

namespace EdaAspire.WorkQueue.Telemetry;

/// <summary>
/// Spans and metrics of the work queue, named after the OpenTelemetry messaging semantic conventions
/// (https://opentelemetry.io/docs/specs/semconv/messaging/); the meter comes from the host's <see cref="IMeterFactory"/>.
/// ServiceDefaults subscribes to every "EdaAspire.*" source and meter.
/// </summary>
public sealed class WorkQueueTelemetry
{
    public const string Name = "EdaAspire.WorkQueue";

    public const string MessageStateAttribute = "eda.workqueue.message.state";

    public static readonly ActivitySource Source = new(Name);

    // The latest counts per (system, queue), refreshed by QueueDepthMonitor; the gauge reports them without a query.
    private readonly ConcurrentDictionary<(string System, string Queue), QueueCounts> _latestCounts = new();

    public WorkQueueTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Name);
        SentMessages = meter.CreateCounter<long>(
            "messaging.client.sent.messages", "{message}", "Messages handed to the queue (duplicates the queue dropped included).");
        ConsumedMessages = meter.CreateCounter<long>(
            "messaging.client.consumed.messages", "{message}", "Messages received under a lock.");
        SettledMessages = meter.CreateCounter<long>(
            "eda.workqueue.settled.messages", "{message}", "Deliveries settled, by messaging.operation.name: complete, abandon or dead_letter.");
        meter.CreateObservableGauge(
            "eda.workqueue.messages", ObserveCounts, "{message}", "Messages in the queue by state: active, scheduled, dead_lettered, in_flight.");
    }

    public Counter<long> SentMessages { get; }

    public Counter<long> ConsumedMessages { get; }

    public Counter<long> SettledMessages { get; }

    public static TagList Tags(string system, string queue, string operation, string? errorType = null)
    {
        var tags = new TagList
        {
            { MessagingAttributes.System, system },
            { MessagingAttributes.DestinationName, queue },
            { MessagingAttributes.OperationName, operation },
        };
        if (errorType is not null)
        {
            tags.Add(MessagingAttributes.ErrorType, errorType);
        }

        return tags;
    }

    public void ReportCounts(string system, string queue, QueueCounts counts) => _latestCounts[(system, queue)] = counts;

    /// <summary>The counts <see cref="QueueDepthMonitor"/> last read of <paramref name="queue"/>; null before its first read.</summary>
    public QueueCounts? LatestCounts(string queue) =>
        _latestCounts.Where(c => c.Key.Queue == queue).Select(c => c.Value).FirstOrDefault();

    private IEnumerable<Measurement<long>> ObserveCounts()
    {
        foreach (var ((system, queue), counts) in _latestCounts)
        {
            yield return Measure(counts.Active, "active");
            yield return Measure(counts.Scheduled, "scheduled");
            yield return Measure(counts.DeadLettered, "dead_lettered");
            if (counts.InFlight is { } inFlight)
            {
                yield return Measure(inFlight, "in_flight");
            }

            Measurement<long> Measure(long value, string state) => new(value,
                new(MessagingAttributes.System, system), new(MessagingAttributes.DestinationName, queue), new(MessageStateAttribute, state));
        }
    }
}
