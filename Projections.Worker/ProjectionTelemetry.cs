using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.Messaging.Kafka;
using EdaAspire.SemanticConventions;

namespace EdaAspire.Projections.Worker;

/// <summary>
/// How fresh the read models are: the time from an event's <c>ce_time</c> to the commit that put it in a read model.
/// For orders that is placement (or the step) to read model across every hop; for clicks it starts at the client's
/// timestamp, so it includes the client's own delay. ServiceDefaults subscribes to every "EdaAspire.*" meter; the meter
/// comes from the host's <see cref="IMeterFactory"/>.
/// </summary>
public sealed class ProjectionTelemetry
{
    public const string Name = "EdaAspire.Projections";
    public const string ProjectionAttribute = "eda.projection.name";

    private readonly Histogram<double> _eventLatency;

    public ProjectionTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _eventLatency = meters.Create(Name).CreateHistogram<double>(
            "eda.projection.event.latency", "s", "From an event's time (ce_time) to the read-model commit that applied it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
    }

    /// <summary>Records the events a batch committed, each from its own event time.</summary>
    public void RecordApplied(string projection, IEnumerable<ConsumedEvent> applied, DateTimeOffset committedAt)
    {
        ArgumentNullException.ThrowIfNull(applied);
        foreach (var consumed in applied)
        {
            // A client clock ahead of ours would give a negative age: it counts as fresh.
            var seconds = Math.Max(0, (committedAt - consumed.Envelope.Time).TotalSeconds);
            _eventLatency.Record(seconds, new TagList { { ProjectionAttribute, projection }, { CloudEventsAttributes.EventType, consumed.Envelope.Type } });
        }
    }
}
