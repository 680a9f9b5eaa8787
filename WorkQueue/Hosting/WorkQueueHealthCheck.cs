using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdaAspire.WorkQueue.Hosting;

/// <summary>
/// Healthy when the queue answers a count query (an adapter without counts: when it answers at all); dead letters do not
/// make a service unready. Service Bus has its own check (<see cref="ServiceBus.ServiceBusQueueHealthCheck"/>).
/// </summary>
public sealed class WorkQueueHealthCheck(IWorkQueue queue, TimeProvider? time = null) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(Timeout, time ?? TimeProvider.System);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var counts = await queue.GetCountsAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{counts.Active} active, {counts.Scheduled} scheduled, {counts.DeadLettered} dead-lettered");
        }
        catch (NotSupportedException)
        {
            return HealthCheckResult.Healthy($"Queue '{queue.Name}' is reachable; its broker does not report counts.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Queue '{queue.Name}' did not answer.", ex);
        }
    }
}
