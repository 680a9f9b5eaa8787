using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Caching.Hybrid;

namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>
/// The order path's read of a price: <see cref="HybridCache"/> (memory, then Redis where configured, shared by every
/// ingestion process) holds the changes any caught-up process read live; the answer is the newer of that and this
/// process's own <see cref="PriceBook"/>, so a process still replaying the topic prices recent changes, and a stale
/// shared entry never wins over what a process has read itself.
/// </summary>
public sealed class PriceCache(HybridCache cache, PriceBook book, BroadcastProgress progress, PriceLookups lookups)
{
    // Only changes are written (ShareAsync): a lookup that misses must not store "unknown" over another process's price.
    private static readonly HybridCacheEntryOptions ReadOnly = new() { Flags = HybridCacheEntryFlags.DisableUnderlyingData };

    public bool CaughtUp => progress.IsCaughtUp(Topics.Catalog);

    public async ValueTask<CatalogPrice?> FindAsync(string productId, CancellationToken cancellationToken)
    {
        var shared = await cache.GetOrCreateAsync<CatalogPrice?>(Key(productId), _ => ValueTask.FromResult<CatalogPrice?>(null), ReadOnly,
            cancellationToken: cancellationToken);
        var answer = CatalogPrice.Newer(shared, book.Find(productId));
        lookups.Record(shared, answer);
        return answer;
    }

    /// <summary>
    /// A change the book applied, shared once the copy has caught up: during the replay it is history, which would
    /// overwrite newer prices other processes shared.
    /// </summary>
    public async ValueTask ShareAsync(CatalogPrice price, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(price);
        if (CaughtUp)
        {
            await cache.SetAsync(Key(price.ProductId), price, cancellationToken: cancellationToken);
        }
    }

    private static string Key(string productId) => $"catalog-price:{productId}";
}
