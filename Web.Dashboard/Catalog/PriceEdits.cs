using EdaAspire.Web.Dashboard.Admin;

namespace EdaAspire.Web.Dashboard.Catalog;

/// <summary>An operator's price edit from the admin page, checked on the server before it goes to Catalog.Api.</summary>
public sealed class PriceEdits(CatalogClient catalog, AdminAccess access)
{
    /// <exception cref="UnauthorizedAccessException">No operator is signed in.</exception>
    public async Task<PriceEdit> RepriceAsync(string productId, decimal price, CancellationToken cancellationToken)
    {
        await access.DemandAsync();
        ArgumentException.ThrowIfNullOrWhiteSpace(productId);
        return await catalog.RepriceAsync(productId.Trim(), price, cancellationToken);
    }
}
