using System.Collections.Concurrent;

namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>
/// This process's copy of the catalog's prices, rebuilt from topic <c>catalog</c> at every start. A change applies only
/// if it is newer than what the book holds for its product, so a replay (or a duplicate) never puts an older price back.
/// </summary>
public sealed class PriceBook
{
    private readonly ConcurrentDictionary<string, CatalogPrice> _prices = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();

    /// <summary>Products the book holds an entry for, deleted ones included.</summary>
    public int Count => _prices.Count;

    public CatalogPrice? Find(string productId) => _prices.TryGetValue(productId, out var price) ? price : null;

    /// <returns>True when <paramref name="change"/> is now the product's entry; false when the book held one as new or newer.</returns>
    public bool Apply(CatalogPrice change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_writes)
        {
            if (_prices.TryGetValue(change.ProductId, out var held) && held.Version >= change.Version)
            {
                return false;
            }

            _prices[change.ProductId] = change;
            return true;
        }
    }

    /// <summary>
    /// A tombstone carries no version: the product is marked deleted at the version the book holds, so a later create
    /// of the same id still applies. Null when there was nothing to delete.
    /// </summary>
    public CatalogPrice? MarkDeleted(string productId)
    {
        lock (_writes)
        {
            if (!_prices.TryGetValue(productId, out var held) || held.Deleted)
            {
                return null;
            }

            var deleted = held with { Active = false, Deleted = true };
            _prices[productId] = deleted;
            return deleted;
        }
    }
}
