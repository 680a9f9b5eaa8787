using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdaAspire.AppHost.Embedded.Kafka;

/// <summary>Healthy when the brokers answer a metadata request over TCP, as any client would ask them.</summary>
internal sealed class EmbeddedKafkaHealthCheck(EmbeddedKafkaResource kafka) : IHealthCheck, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private IAdminClient? _admin;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bootstrap = await kafka.BootstrapServersAsync(cancellationToken);
        _admin ??= new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap })
            .SetLogHandler((_, _) => { }) // a refused connection while the brokers are down is the answer, not noise
            .Build();
        try
        {
            var metadata = await Task.Run(() => _admin.GetMetadata(Timeout), cancellationToken);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} brokers, {metadata.Topics.Count} topics")
                : HealthCheckResult.Unhealthy("No broker answered.");
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy($"No broker answered: {ex.Error.Reason}");
        }
    }

    public void Dispose() => _admin?.Dispose();
}
