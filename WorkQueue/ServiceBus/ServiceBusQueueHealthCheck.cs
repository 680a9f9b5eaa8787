using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// Healthy when the namespace answers a peek on the queue (<c>HealthCheckQueueName</c>, else the work queue), as the
/// Aspire integration's queue check does: it needs no management rights, so it works on the emulator too.
/// </summary>
public sealed class ServiceBusQueueHealthCheck(ServiceBusWorkQueue queue, string queueName, TimeProvider? time = null) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(Timeout, time ?? TimeProvider.System);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await queue.PeekOneAsync(queueName, timeout.Token);
            return HealthCheckResult.Healthy($"Service Bus queue '{queueName}' answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Service Bus queue '{queueName}' did not answer.", ex);
        }
    }
}
