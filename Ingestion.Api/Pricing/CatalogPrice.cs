using EdaAspire.Contracts.Catalog;

namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>
/// What the order path knows of a product, as of <see cref="Version"/>: the change version of the catalog event it came
/// from, which orders a product's changes. A deleted product is kept (not orderable) so an older change replayed after
/// its delete cannot bring it back.
/// </summary>
public sealed record CatalogPrice(string ProductId, decimal Price, string Currency, bool Active, long Version, bool Deleted = false)
{
    public bool Orderable => Active && !Deleted;

    /// <summary>The product as a change left it: a delete keeps the last price it knew, not orderable.</summary>
    public static CatalogPrice From(ProductChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return (change.After, change.Before) switch
        {
            ({ } after, _) => new CatalogPrice(change.ProductId, after.Price, after.Currency, after.Active, change.Source.Version),
            (null, { } before) => new CatalogPrice(change.ProductId, before.Price, before.Currency, false, change.Source.Version, Deleted: true),
            // A delete whose change record kept no old values (SQL Server's Change Tracking).
            _ => new CatalogPrice(change.ProductId, 0m, "", false, change.Source.Version, Deleted: true),
        };
    }

    /// <summary>The newer of two reads of the same product; null loses.</summary>
    public static CatalogPrice? Newer(CatalogPrice? a, CatalogPrice? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => a.Version >= b.Version ? a : b,
    };
}
