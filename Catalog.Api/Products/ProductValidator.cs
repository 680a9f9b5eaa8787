using System.Text.RegularExpressions;
using EdaAspire.Contracts.Catalog;

namespace EdaAspire.Catalog.Api.Products;

/// <summary>What a product must be, as errors keyed by the JSON field they concern (ValidationProblem's shape).</summary>
public static partial class ProductValidator
{
    public const decimal MaxPrice = 1_000_000m;

    /// <param name="routeId">The id of <c>PUT /api/products/{id}</c>; null for a create, whose body names the id.</param>
    public static Dictionary<string, string[]> Validate(ProductRequest? product, string? routeId)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (product is null)
        {
            errors["body"] = ["A product is required."];
            return errors;
        }

        if (routeId is null && (product.Id is null || !ProductId().IsMatch(product.Id)))
        {
            errors["id"] = ["Required: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit."];
        }
        else if (routeId is not null && product.Id is not null && product.Id != routeId)
        {
            errors["id"] = [$"Must be '{routeId}', the product's id in the URL, or left out."];
        }

        if (string.IsNullOrWhiteSpace(product.Name) || product.Name.Length > 200)
        {
            errors["name"] = ["Required: 1 to 200 characters."];
        }

        if (product.Price is not { } price || price < 0 || price > MaxPrice || decimal.Round(price, 2) != price)
        {
            errors["price"] = [$"Required: from 0 to {MaxPrice}, with at most two decimals."];
        }

        if (product.Currency is null || !CurrencyCode().IsMatch(product.Currency))
        {
            errors["currency"] = ["Required: an ISO 4217 code of three capital letters, e.g. EUR."];
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProductId();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyCode();
}
