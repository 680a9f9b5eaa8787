using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdaAspire.Messaging.Kafka;

/// <summary>Healthy when the cluster answers a metadata request and names at least one broker.</summary>
public sealed class KafkaHealthCheck(IAdminClient admin) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // GetMetadata blocks; keep it off the request thread.
            var metadata = await Task.Run(() => admin.GetMetadata(Timeout), cancellationToken);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s)")
                : HealthCheckResult.Unhealthy("The cluster named no brokers.");
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy("Kafka did not answer a metadata request.", ex);
        }
    }
}
