using System.Collections;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>
/// The test's own tracer and meter providers with in-memory exporters. The hosts of one process share every
/// ActivitySource and static Meter, so these see all of them at once: spans are told apart by trace id, and the
/// metrics are only meaningful because this test runs alone (see <see cref="RunsAlone"/>).
/// </summary>
public sealed class InProcessTelemetry : IDisposable
{
    private readonly ExportedSpans _spans = new();
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metering;

    public InProcessTelemetry()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("EdaAspire.*", "Microsoft.AspNetCore")
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(_spans)
            .Build()!;
        _metering = Sdk.CreateMeterProviderBuilder()
            .AddMeter("EdaAspire.*")
            .AddInMemoryExporter(_metrics)
            .Build()!;
    }

    /// <summary>The ended spans of one trace, as the assertions and the tree take them.</summary>
    public IReadOnlyList<TraceSpan> Trace(string traceId) => _spans.Snapshot()
        .Where(a => a.TraceId.ToHexString() == traceId)
        .Select(ToTraceSpan)
        .ToList();

    public IReadOnlyList<Activity> AllSpans => _spans.Snapshot();

    /// <summary>Collects now and returns the cumulative value of every metric point, by meter, instrument and tags.</summary>
    public IReadOnlyList<MetricValue> CollectMetrics()
    {
        lock (_metrics)
        {
            _metrics.Clear();
            _metering.ForceFlush();
            return _metrics.SelectMany(ValuesOf).ToList();
        }
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _metering.Dispose();
    }

    private static IEnumerable<MetricValue> ValuesOf(MetricSnapshot metric)
    {
        foreach (var point in metric.MetricPoints)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }

            var value = metric.MetricType switch
            {
                MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                MetricType.LongGauge => point.GetGaugeLastValueLong(),
                MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                MetricType.Histogram => point.GetHistogramCount(),
                _ => double.NaN,
            };
            yield return new MetricValue(metric.MeterName, metric.Name, tags, value);
        }
    }

    private static TraceSpan ToTraceSpan(Activity activity) => new(
        Service: activity.Source.Name,
        Scope: activity.Source.Name,
        Name: activity.DisplayName,
        TraceId: activity.TraceId.ToHexString(),
        SpanId: activity.SpanId.ToHexString(),
        ParentSpanId: activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
        Kind: (SpanKind)((int)activity.Kind + 1),
        Start: activity.StartTimeUtc,
        Duration: activity.Duration,
        Attributes: activity.TagObjects.ToDictionary(
            t => t.Key, t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal),
        LinkedSpanIds: activity.Links.Select(l => l.Context.SpanId.ToHexString()).ToList());

    /// <summary>The exporter adds from the threads that end spans; the test reads while they do.</summary>
    private sealed class ExportedSpans : ICollection<Activity>
    {
        private readonly List<Activity> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public List<Activity> Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Add(Activity item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(Activity item) => Snapshot().Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(Activity item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>A metric point's cumulative value (a histogram's count), with its meter, instrument and attributes.</summary>
public sealed record MetricValue(string Meter, string Instrument, IReadOnlyDictionary<string, string> Tags, double Value)
{
    public bool Has(string key, string value) => Tags.TryGetValue(key, out var actual) && actual == value;
}
