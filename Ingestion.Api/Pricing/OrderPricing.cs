using System.Globalization;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>What pricing an order came to.</summary>
public abstract record PricingResult
{
    /// <summary>Every line priced from the catalog copy.</summary>
    public sealed record Priced(IReadOnlyList<OrderLine> Lines) : PricingResult;

    /// <summary>
    /// A line the catalog cannot sell (422: unknown, inactive or deleted product, another currency) or whose client price
    /// is not the catalog's (409); <see cref="Errors"/> keyed by field path (<c>lines[2].productId</c>).
    /// </summary>
    public sealed record Refused(int Status, string Title, Dictionary<string, string[]> Errors) : PricingResult;

    /// <summary>A product is not in the copy, which has not read the catalog to its end yet: try again shortly.</summary>
    public sealed record CatchingUp(string ProductId) : PricingResult;
}

/// <summary>Prices an order on the server from the copy of the catalog; the client's prices, where sent, are only checked.</summary>
public sealed class OrderPricing(PriceCache prices)
{
    public async Task<PricingResult> PriceAsync(PlaceOrderRequest order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var requested = order.Lines!;
        var priced = new List<OrderLine>(requested.Count);
        var unsellable = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var repriced = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            var line = requested[i]!;
            var price = await prices.FindAsync(line.ProductId, cancellationToken);
            if (price is null && !prices.CaughtUp)
            {
                return new PricingResult.CatchingUp(line.ProductId);
            }

            if (price is not { Orderable: true })
            {
                unsellable[$"lines[{i}].productId"] = [Unsellable(line.ProductId, price)];
            }
            else if (price.Currency != order.Currency)
            {
                unsellable[$"lines[{i}].productId"] = [$"'{line.ProductId}' is sold in {price.Currency}, not in the order's currency {order.Currency}."];
            }
            else if (line.UnitPrice is { } clientPrice && clientPrice != price.Price)
            {
                repriced[$"lines[{i}].unitPrice"] = [string.Create(CultureInfo.InvariantCulture,
                    $"'{line.ProductId}' costs {price.Price} {price.Currency} now (catalog version {price.Version}), not {clientPrice}. Omit unitPrice to take the current price.")];
            }
            else
            {
                priced.Add(new OrderLine(line.ProductId, line.Quantity, price.Price, price.Version));
            }
        }

        return (unsellable.Count, repriced.Count) switch
        {
            (> 0, _) => new PricingResult.Refused(StatusCodes.Status422UnprocessableEntity, "Products that cannot be ordered",
                unsellable.Concat(repriced).ToDictionary(StringComparer.Ordinal)),
            (_, > 0) => new PricingResult.Refused(StatusCodes.Status409Conflict, "Prices changed", repriced),
            _ => new PricingResult.Priced(priced),
        };
    }

    private static string Unsellable(string productId, CatalogPrice? price) => price switch
    {
        null => $"Unknown product '{productId}'.",
        { Deleted: true } => $"'{productId}' was removed from the catalog.",
        _ => $"'{productId}' is not for sale (inactive in the catalog).",
    };
}
