using EdaAspire.LoadTest.Measurement;
using EdaAspire.LoadTest.Reporting;
using EdaAspire.LoadTest.Requests;
using EdaAspire.LoadTest.Target;

namespace EdaAspire.LoadTest.Scenarios;

/// <summary>
/// What the system costs at rest: after one click and one order have gone all the way through (every consumer group
/// joined, every path compiled), it settles, then the CPU each process uses over the scenario's duration is read from
/// /proc, and its busiest kinds of threads (<see cref="ThreadCpu"/>). The result is in cores: CPU seconds per second of
/// wall time.
/// </summary>
public static class IdleRun
{
    public const string Name = "idle";
    public const string TotalMetric = "idle cores, whole system";
    public const string ServicesMetric = "idle cores, services only";
    private const int ThreadKindsShown = 4;
    // At rest means after the JIT's background tier-up of the first requests' code, which at 10 s still took half of
    // most services' CPU (BENCHMARKS.md).
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    public static async Task<ScenarioResult> RunAsync(ISystemUnderTest system, LoadTestOptions options, CancellationToken cancellationToken)
    {
        await using var harness = await ScenarioHarness.OpenAsync(Name, system, options, cancellationToken);
        await harness.WaitForClickstreamAsync(cancellationToken);
        await harness.WaitForOrdersAsync(new OrderMix().NextBody(), cancellationToken);
        await Task.Delay(Settle, cancellationToken); // the order's last retries, flushes and rebalances, and the JIT's tier-up

        var before = system.Processes.ToDictionary(p => p.Key, p => ProcStat.Of(p.Value)?.CpuSeconds);
        var threadsBefore = system.Processes.ToDictionary(p => p.Key, p => ThreadCpu.Seconds(p.Value));
        var window = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(options.Duration, cancellationToken); // the measurement window: nothing is sent
        var seconds = window.Elapsed.TotalSeconds;
        var threadsAfter = system.Processes.ToDictionary(p => p.Key, p => ThreadCpu.Seconds(p.Value));
        var cores = system.Processes
            .Select(p => (p.Key, Cores: (ProcStat.Of(p.Value)?.CpuSeconds - before[p.Key]) / seconds))
            .Where(p => p.Cores is not null)
            .OrderByDescending(p => p.Cores)
            .ToList();

        var metrics = new MetricList
        {
            { TotalMetric, cores.Sum(p => p.Cores!.Value), "cores" },
            { ServicesMetric, cores.Where(p => !p.Key.StartsWith(StartedAppHost.Infrastructure, StringComparison.Ordinal)).Sum(p => p.Cores!.Value), "cores" },
        };
        foreach (var (process, used) in cores)
        {
            metrics.Add($"idle cores {process}", used!.Value, "cores");
            foreach (var (kind, threadSeconds) in ThreadCpu.Between(threadsBefore[process], threadsAfter[process]).Take(ThreadKindsShown))
            {
                metrics.Add($"idle cores {process} [{kind}]", threadSeconds / seconds, "cores");
            }
        }

        return await harness.FinishAsync(metrics, [$"Measured over {seconds:F0} s after a {Settle.TotalSeconds:F0} s settle; the AppHost's figure includes the embedded Kafka cluster."]);
    }
}
