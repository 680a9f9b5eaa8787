using EdaAspire.Contracts.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>
/// <c>GET /api/pricing</c>: this process's copy of the catalog and where its price lookups were answered, for the
/// dashboard's catalog page. Open like <c>/health</c>: counts only, no price.
/// </summary>
public static class PricingApi
{
    public const string Path = "/api/pricing";

    public static IEndpointRouteBuilder MapPricingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetStatus).WithName("GetPricing").WithTags("Orders")
            .WithSummary("This process's copy of the catalog's prices and its cache's hits");
        return app;
    }

    public static Ok<PriceCacheStatus> GetStatus(PriceCache cache, PriceBook book, PriceCacheLevels levels, PriceLookups lookups) =>
        TypedResults.Ok(new PriceCacheStatus(cache.CaughtUp, book.Count, levels.Shared, lookups.Total, lookups.CacheHits, lookups.UnknownProducts));
}
