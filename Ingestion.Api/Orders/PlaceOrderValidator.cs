using EdaAspire.Contracts.Orders;

namespace EdaAspire.Ingestion.Api.Orders;

/// <summary>Checks an order before anything is stored or produced; errors keyed by field path (<c>lines[1].quantity</c>).</summary>
public static class PlaceOrderValidator
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 1000;
    public const decimal MaxUnitPrice = 1_000_000m;
    public const int MaxIdLength = 128;
    public const int MaxKeyLength = 128;
    private const int MaxTextLength = 200;

    public static Dictionary<string, string[]> Validate(PlaceOrderRequest? order, string? idempotencyKey)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            errors["Idempotency-Key"] = ["Required header: a key unique to this order attempt, reused only when retrying it."];
        }
        else if (idempotencyKey.Length > MaxKeyLength)
        {
            errors["Idempotency-Key"] = [$"At most {MaxKeyLength} characters."];
        }

        if (order is null)
        {
            errors["body"] = ["Required: an order."];
            return errors;
        }

        Text(order.CustomerId, "customerId", MaxIdLength, errors);
        if (order.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            errors["currency"] = ["An ISO 4217 code of three capital letters, e.g. EUR."];
        }

        ValidateLines(order.Lines, errors);
        ValidateAddress(order.ShippingAddress, errors);
        return errors;
    }

    private static void ValidateLines(IReadOnlyList<OrderLineRequest?>? lines, Dictionary<string, string[]> errors)
    {
        if (lines is not { Count: > 0 and <= MaxLines })
        {
            errors["lines"] = [$"Between 1 and {MaxLines} order lines."];
            return;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line)
            {
                errors[$"lines[{i}]"] = ["Must be an order line, not null."];
                continue;
            }

            Text(line.ProductId, $"lines[{i}].productId", MaxIdLength, errors);
            if (line.Quantity is < 1 or > MaxQuantity)
            {
                errors[$"lines[{i}].quantity"] = [$"Between 1 and {MaxQuantity}."];
            }

            // Optional: the server prices the line; a price the client sends is checked against the catalog later.
            if (line.UnitPrice is { } price && (price is <= 0 or > MaxUnitPrice || decimal.Round(price, 2) != price))
            {
                errors[$"lines[{i}].unitPrice"] = [$"A positive amount of at most {MaxUnitPrice:N0} with at most two decimals."];
            }
        }

        foreach (var duplicate in lines.OfType<OrderLineRequest>().GroupBy(l => l.ProductId).Where(g => g.Count() > 1))
        {
            errors["lines"] = [$"Product '{duplicate.Key}' appears on more than one line; use its quantity."];
        }
    }

    private static void ValidateAddress(ShippingAddress? address, Dictionary<string, string[]> errors)
    {
        if (address is null)
        {
            errors["shippingAddress"] = ["Required."];
            return;
        }

        Text(address.Name, "shippingAddress.name", MaxTextLength, errors);
        Text(address.Line1, "shippingAddress.line1", MaxTextLength, errors);
        Text(address.City, "shippingAddress.city", MaxTextLength, errors);
        Text(address.PostalCode, "shippingAddress.postalCode", 20, errors);
        if (address.Line2 is { Length: > MaxTextLength })
        {
            errors["shippingAddress.line2"] = [$"At most {MaxTextLength} characters."];
        }

        if (address.Country is not { Length: 2 } country || !country.All(char.IsAsciiLetterUpper))
        {
            errors["shippingAddress.country"] = ["An ISO 3166 alpha-2 code, e.g. NL."];
        }
    }

    private static void Text(string? value, string field, int maxLength, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters."];
        }
    }
}
