using EdaAspire.LoadTest.Measurement;

namespace EdaAspire.LoadTest.Reporting;

/// <summary>Collects a scenario's figures in the order they are printed.</summary>
public sealed class MetricList : List<Metric>
{
    public void Add(string name, double value, string unit) => Add(new Metric(name, value, unit));

    public void AddLatency(string prefix, LatencySummary summary)
    {
        Add($"{prefix} samples", summary.Count, "count");
        Add($"{prefix} p50", summary.P50, "ms");
        Add($"{prefix} p95", summary.P95, "ms");
        Add($"{prefix} p99", summary.P99, "ms");
        Add($"{prefix} max", summary.Max, "ms");
    }
}
