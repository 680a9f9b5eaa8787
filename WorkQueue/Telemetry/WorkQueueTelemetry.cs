using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.SemanticConventions;

namespace EdaAspire.WorkQueue.Telemetry;

/// <summary>
/// Spans and metrics of the work queue, named after the OpenTelemetry messaging semantic conventions
/// (https://opentelemetry.io/docs/specs/semconv/messaging/); ServiceDefaults subscribes to every "EdaAspire.*" source and meter.
/// </summary>
public static class WorkQueueTelemetry
{
    public const string Name = "EdaAspire.WorkQueue";

    public const string MessageStateAttribute = "eda.workqueue.message.state";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    // The latest counts per (system, queue), refreshed by QueueDepthMonitor; the gauge reports them without a query.
    private static readonly ConcurrentDictionary<(string System, string Queue), QueueCounts> LatestCounts = new();

    public static readonly Counter<long> SentMessages = Meter.CreateCounter<long>(
        "messaging.client.sent.messages", "{message}", "Messages handed to the queue (duplicates the queue dropped included).");

    public static readonly Counter<long> ConsumedMessages = Meter.CreateCounter<long>(
        "messaging.client.consumed.messages", "{message}", "Messages received under a lock.");

    public static readonly Counter<long> SettledMessages = Meter.CreateCounter<long>(
        "eda.workqueue.settled.messages", "{message}", "Deliveries settled, by messaging.operation.name: complete, abandon or dead_letter.");

    private static readonly ObservableGauge<long> QueuedMessages = Meter.CreateObservableGauge(
        "eda.workqueue.messages", ObserveCounts, "{message}", "Messages in the queue by state: active, scheduled, dead_lettered, in_flight.");

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

    public static void ReportCounts(string system, string queue, QueueCounts counts) => LatestCounts[(system, queue)] = counts;

    private static IEnumerable<Measurement<long>> ObserveCounts()
    {
        foreach (var ((system, queue), counts) in LatestCounts)
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
