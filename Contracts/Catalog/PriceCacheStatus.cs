namespace EdaAspire.Contracts.Catalog;

/// <summary>
/// Ingestion's price cache as <c>GET /api/pricing</c> answers it: where this process's order-path price lookups were answered.
/// </summary>
/// <param name="CaughtUp">The copy of topic <c>catalog</c> has read the topic's end as of start.</param>
/// <param name="Products">Products in this process's copy (deleted ones included, as unorderable).</param>
/// <param name="SharedLevel">Redis is the cache's second level (otherwise memory only).</param>
/// <param name="Lookups">Price lookups since start.</param>
/// <param name="CacheHits">Lookups the cache (memory or Redis) answered with an entry at least as new as the copy's.</param>
/// <param name="Unknown">Lookups for a product neither knew.</param>
public sealed record PriceCacheStatus(bool CaughtUp, int Products, bool SharedLevel, long Lookups, long CacheHits, long Unknown)
{
    /// <summary>Hits over lookups; 0 before the first.</summary>
    public double HitRatio => Lookups == 0 ? 0 : (double)CacheHits / Lookups;
}
