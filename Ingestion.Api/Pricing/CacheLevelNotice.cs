namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>Says once, at start, which levels the price cache has, so a run without Redis is not mistaken for one with it.</summary>
public sealed class CacheLevelNotice(PriceCacheLevels levels, ILogger<CacheLevelNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (levels.Shared)
        {
            logger.LogInformation("Price cache: memory, then Redis (ConnectionStrings:{Name})", PricingExtensions.CacheConnectionName);
        }
        else
        {
            logger.LogWarning("Price cache: memory only; ConnectionStrings:{Name} is not set, so ingestion processes share no second level",
                PricingExtensions.CacheConnectionName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
