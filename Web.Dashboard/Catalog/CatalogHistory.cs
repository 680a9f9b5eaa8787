namespace EdaAspire.Web.Dashboard.Catalog;

/// <summary>
/// The dashboard's copy of topic <c>catalog</c>: each product's changes as the connector published them, newest last,
/// read whole at every start (compaction may have dropped a product's older records). Records arrive at least once:
/// a copy under an event id already held is ignored. Open catalog pages are told of each new change.
/// </summary>
public sealed class CatalogHistory(int perProduct = CatalogHistory.DefaultPerProduct)
{
    public const int DefaultPerProduct = 20;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<CatalogChange>> _byProduct = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>Raised after a change was added, on the subscription's thread.</summary>
    public event Action<CatalogChange>? Changed;

    /// <returns>False when the record is a copy of one held (same event id).</returns>
    public bool Add(CatalogChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (!_seen.Add(change.EventId))
            {
                return false;
            }

            if (!_byProduct.TryGetValue(change.ProductId, out var changes))
            {
                _byProduct[change.ProductId] = changes = [];
            }

            changes.Add(change);
            if (changes.Count > perProduct)
            {
                changes.RemoveAt(0);
            }
        }

        Changed?.Invoke(change);
        return true;
    }

    /// <summary>The product's changes held, oldest first.</summary>
    public IReadOnlyList<CatalogChange> Of(string productId)
    {
        lock (_gate)
        {
            return _byProduct.TryGetValue(productId, out var changes) ? [.. changes] : [];
        }
    }

    public CatalogChange? LatestOf(string productId)
    {
        lock (_gate)
        {
            return _byProduct.TryGetValue(productId, out var changes) ? changes[^1] : null;
        }
    }

    /// <summary>Every product the topic named, deleted ones too.</summary>
    public IReadOnlyList<string> Products()
    {
        lock (_gate)
        {
            return [.. _byProduct.Keys.Order(StringComparer.Ordinal)];
        }
    }
}
