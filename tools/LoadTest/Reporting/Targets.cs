using EdaAspire.LoadTest.Baselines;
using EdaAspire.LoadTest.Scenarios;

namespace EdaAspire.LoadTest.Reporting;

/// <summary>The targets, judged from one run's results (rows without their scenarios are left unjudged).</summary>
public static class Targets
{
    public const double IngestRatio = 0.5;
    public const double ProjectionRatio = 0.5;
    public const double LatencyP50Ms = 50;
    public const double LatencyP99Ms = 250;
    public const double OrdersPerSecond = 500;
    public const double ServiceMegabytes = 250;
    public const double CpuMillisecondsPerOrder = 4;
    public const double IdleCores = 0.05;
    public const double PriceVisibleP99Ms = 1000;
    public const double ConnectorChangesPerSecond = 5000;

    public static List<TargetRow> Judge(IReadOnlyList<ScenarioResult> results)
    {
        var byName = results.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var kafka = byName.GetValueOrDefault(RawKafka.Name);
        var sqlite = byName.GetValueOrDefault(RawSqlite.Name);
        var ingest = byName.GetValueOrDefault(IngestFlatOut.Name);
        var latency = byName.GetValueOrDefault(LatencyRun.Name);
        var saga = byName.GetValueOrDefault(SagaRun.Name);
        var rows = new List<TargetRow>();

        var ingestRate = ingest?.Value("acked events/s");
        rows.Add(RatioRow("HTTP clickstream ingest", $"≥ {IngestRatio}× raw producer", ingestRate, kafka?.Value("producer msg/s"), IngestRatio));
        var projectionRate = ingest is null ? null : IngestFlatOut.ProjectionRate(ingest);
        rows.Add(RatioRow("clickstream projection", $"≥ {ProjectionRatio}× raw SQLite insert", projectionRate, sqlite?.Value("events/s"), ProjectionRatio));
        rows.Add(RatioRow("clickstream projection vs raw consumer", "(for reference)", projectionRate, kafka?.Value("consumer msg/s"), null));

        var achieved = latency?.Value("acked events/s");
        var suffix = achieved is { } a ? $" (at {a:F0} ev/s)" : "";
        rows.Add(LimitRow($"ingest→read model p50{suffix}", $"≤ {LatencyP50Ms} ms at 2,000 ev/s", latency?.Value("ingest→read model p50"), "ms", LatencyP50Ms));
        rows.Add(LimitRow($"ingest→read model p99{suffix}", $"≤ {LatencyP99Ms} ms at 2,000 ev/s", latency?.Value("ingest→read model p99"), "ms", LatencyP99Ms));

        // Confirmed or Cancelled, as the issue counts them; the share cancelled (by deadline under overload) is in the scenario's figures.
        var orders = saga?.Value("completed orders/s overall");
        rows.Add(new TargetRow("orders through the full saga", $"≥ {OrdersPerSecond} orders/s", orders, "orders/s", orders / OrdersPerSecond, AtLeast(orders, OrdersPerSecond)));
        var confirmed = saga?.Value("confirmed orders/s overall");
        rows.Add(new TargetRow("  of which confirmed", "(for reference)", confirmed, "orders/s", null, null));
        // Admission control's promise: under overload an accepted order is never cancelled because our backlog made a step
        // outlive its deadline. A dead-lettered command (the simulators' poison) ends its order on a deadline by design.
        double? byDeadline = saga is null ? null : Math.Max(0, (saga.Value(SagaRun.CancelledByDeadlineMetric) ?? 0) - (saga.Value(SagaRun.DeadLetteredMetric) ?? 0));
        rows.Add(new TargetRow("orders cancelled by a deadline, beyond dead letters", "0 under overload", byDeadline, "orders", null, byDeadline is null ? null : byDeadline == 0));
        // Every process of the run (services, AppHost with Kafka, DCP, Aspire dashboard) over the whole scenario.
        var cpuPerOrder = saga is null ? null : saga.Memory.Sum(p => p.CpuSeconds ?? 0) * 1000 / saga.Value("completed");
        rows.Add(LimitRow("CPU per completed order, all processes", $"≤ {CpuMillisecondsPerOrder} ms", cpuPerOrder, "ms", CpuMillisecondsPerOrder));

        var idle = byName.GetValueOrDefault(IdleRun.Name);
        rows.Add(LimitRow("idle cost, whole system", $"≤ {IdleCores} core", idle?.Value(IdleRun.TotalMetric), "cores", IdleCores));
        rows.Add(new TargetRow("  of which the services", "(for reference)", idle?.Value(IdleRun.ServicesMetric), "cores", null, null));

        var catalog = byName.GetValueOrDefault(CatalogRun.Name);
        rows.Add(LimitRow("price commit → order path p99", $"≤ {PriceVisibleP99Ms} ms", catalog?.Value("price commit → order path p99"), "ms", PriceVisibleP99Ms));
        var connector = catalog?.Value("connector changes/s");
        rows.Add(new TargetRow("CDC connector into Kafka", $"≥ {ConnectorChangesPerSecond} changes/s", connector, "changes/s",
            catalog?.Value("connector ÷ raw"), AtLeast(connector, ConnectorChangesPerSecond)));

        var peaks = results
            .SelectMany(r => r.Memory)
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var service in peaks)
        {
            var peak = service.Max(p => Math.Max(p.SampledPeakMegabytes, p.HighWaterMegabytes ?? 0));
            rows.Add(service.Key.StartsWith(Target.StartedAppHost.Infrastructure, StringComparison.Ordinal)
                ? new TargetRow($"peak RSS {service.Key}", "(not a service)", peak, "MB", null, null)
                : LimitRow($"peak RSS {service.Key}", $"≤ {ServiceMegabytes} MB", peak, "MB", ServiceMegabytes));
        }

        return rows;
    }

    private static TargetRow RatioRow(string name, string target, double? measured, double? reference, double? needed)
    {
        var ratio = measured / reference;
        return new TargetRow(name, target, measured, "events/s", ratio, needed is { } n ? AtLeast(ratio, n) : null);
    }

    /// <summary>Null when nothing was measured: a missing scenario is not a miss.</summary>
    private static bool? AtLeast(double? value, double floor) => value is { } v && !double.IsNaN(v) ? v >= floor : null;

    private static TargetRow LimitRow(string name, string target, double? measured, string unit, double limit) =>
        new(name, target, measured, unit, measured / limit, measured is null || double.IsNaN(measured.Value) ? null : measured <= limit);
}
