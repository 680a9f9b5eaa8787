using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace EdaAspire.Ingestion.Api.Pricing;

public static class PricingExtensions
{
    /// <summary>The connection string Aspire's Redis integration injects; optional.</summary>
    public const string CacheConnectionName = "cache";

    /// <summary>The copy of the catalog's prices (fed by topic <c>catalog</c>), its cache and its readiness check.</summary>
    public static IHostApplicationBuilder AddPricing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PriceBook>();
        builder.Services.AddSingleton<PriceCache>();
        builder.Services.AddSingleton<PriceLookups>();
        builder.Services.AddScoped<OrderPricing>();
        builder.AddBroadcastSubscription<CatalogFeed>(Topics.Catalog);
        builder.Services.AddHealthChecks().AddCheck<CatalogCopyHealthCheck>("catalog-copy", tags: ["ready"]);

        builder.Services.AddHybridCache(o => o.DefaultEntryOptions = new HybridCacheEntryOptions
        {
            Expiration = TimeSpan.FromDays(1),
            // Short: a change shared by another process reaches this one's memory level only when the entry expires.
            LocalCacheExpiration = TimeSpan.FromSeconds(5),
        }).AddSerializer(new CatalogPriceSerializer());
        var secondLevel = !string.IsNullOrEmpty(builder.Configuration.GetConnectionString(CacheConnectionName));
        if (secondLevel)
        {
            // A Redis that is down costs the shared level, not orders: its health check would take ingestion out of rotation.
            builder.AddRedisClient(CacheConnectionName, settings => settings.DisableHealthChecks = true);
            builder.Services.AddStackExchangeRedisCache(_ => { });
            builder.Services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((options, services) =>
                options.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()));
        }

        builder.Services.AddSingleton(new PriceCacheLevels(secondLevel));
        builder.Services.AddHostedService<CacheLevelNotice>();
        return builder;
    }
}
