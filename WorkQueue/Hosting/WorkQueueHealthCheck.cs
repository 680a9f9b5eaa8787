using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdaAspire.WorkQueue.Hosting;

/// <summary>
/// Healthy when the queue answers a count query (or, on Service Bus, which has no counts over AMQP, when it connects);
/// dead letters do not make a service unready.
/// </summary>
public sealed class WorkQueueHealthCheck(IWorkQueue queue) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var counts = await queue.GetCountsAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{counts.Active} active, {counts.Scheduled} scheduled, {counts.DeadLettered} dead-lettered");
        }
        catch (NotSupportedException)
        {
            // Service Bus over AMQP: the adapter connected (or threw its connection error) before saying it has no counts.
            return HealthCheckResult.Healthy($"Queue '{queue.Name}' is reachable; its broker does not report counts over AMQP.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Queue '{queue.Name}' did not answer.", ex);
        }
    }
}
