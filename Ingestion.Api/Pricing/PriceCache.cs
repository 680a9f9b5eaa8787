using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Caching.Hybrid;

namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>
/// The order path's read of a price: through <see cref="HybridCache"/> (memory, and Redis where configured, shared by
/// every ingestion process), then the newer of that and this process's own <see cref="PriceBook"/>, so a stale shared
/// entry never wins over what this process has read itself.
/// </summary>
public sealed class PriceCache(HybridCache cache, PriceBook book, BroadcastProgress progress)
{
    // Until the copy has caught up, this process's book may be older than what others wrote: it reads, never writes.
    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    public bool CaughtUp => progress.IsCaughtUp(Topics.Catalog);

    public async ValueTask<CatalogPrice?> FindAsync(string productId, CancellationToken cancellationToken)
    {
        var cached = await cache.GetOrCreateAsync(
            Key(productId),
            (book, productId),
            static (state, _) => ValueTask.FromResult(state.book.Find(state.productId)),
            CaughtUp ? null : ReadOnly,
            cancellationToken: cancellationToken);
        return CatalogPrice.Newer(cached, book.Find(productId));
    }

    /// <summary>A change the book applied, shared once the copy has caught up (during the replay it is history).</summary>
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
