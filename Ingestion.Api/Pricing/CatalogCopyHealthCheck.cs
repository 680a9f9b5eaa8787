using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>
/// Not ready until the copy of the catalog has read topic <c>catalog</c> to its end as of start: before that an order
/// for a product in the unread part would look unknown.
/// </summary>
public sealed class CatalogCopyHealthCheck(BroadcastProgress progress) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(progress.IsCaughtUp(Topics.Catalog)
            ? HealthCheckResult.Healthy(progress.Describe(Topics.Catalog))
            : HealthCheckResult.Unhealthy($"Catching up: {progress.Describe(Topics.Catalog)}"));
}
