using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdaAspire.WorkQueue.Telemetry;

/// <summary>Refreshes the queue-depth gauge every few seconds (a gauge callback must not query a broker itself).</summary>
public sealed class QueueDepthMonitor(
    IWorkQueue queue, string messagingSystem, WorkQueueTelemetry telemetry, TimeProvider time, ILogger<QueueDepthMonitor> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                telemetry.ReportCounts(messagingSystem, queue.Name, await queue.GetCountsAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The health check reports an unreachable queue; here a miss only leaves the last value in place.
                logger.LogDebug(ex, "Could not read the counts of queue {Queue}", queue.Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
