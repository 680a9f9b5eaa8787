using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EdaAspire.Contracts.Catalog;

namespace EdaAspire.Web.Dashboard.Catalog;

/// <summary>
/// Catalog.Api as the dashboard calls it: base address <c>http://catalog</c>, resolved by service discovery from
/// <c>services:catalog:http:0</c>. The catalog is plain CRUD; the dashboard sees its changes arrive on topic <c>catalog</c>.
/// </summary>
public sealed class CatalogClient(HttpClient http)
{
    public const string BaseAddress = "http://catalog";

    public async Task<IReadOnlyList<ProductResponse>> ListAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("api/products", CatalogJsonContext.Default.ListProductResponse, cancellationToken) ?? [];

    /// <summary>
    /// Reads the product with its ETag and replaces its price under <c>If-Match</c>, as any client of the API does: a change
    /// made in between is a 412, reported, never overwritten.
    /// </summary>
    public async Task<PriceEdit> RepriceAsync(string productId, decimal price, CancellationToken cancellationToken)
    {
        using var current = await http.GetAsync($"api/products/{Uri.EscapeDataString(productId)}", cancellationToken);
        if (!current.IsSuccessStatusCode)
        {
            return await FailedAsync(current, cancellationToken);
        }

        var product = (await current.Content.ReadFromJsonAsync(CatalogJsonContext.Default.ProductResponse, cancellationToken))!;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/products/{Uri.EscapeDataString(productId)}")
        {
            Content = JsonContent.Create(new ProductRequest(product.Id, product.Name, price, product.Currency, product.Active), CatalogJsonContext.Default.ProductRequest),
        };
        request.Headers.IfMatch.Add(current.Headers.ETag ?? new EntityTagHeaderValue($"\"{product.Version}\""));
        using var updated = await http.SendAsync(request, cancellationToken);
        if (!updated.IsSuccessStatusCode)
        {
            return await FailedAsync(updated, cancellationToken);
        }

        var saved = (await updated.Content.ReadFromJsonAsync(CatalogJsonContext.Default.ProductResponse, cancellationToken))!;
        return new PriceEdit(true, $"{saved.Id}: {product.Price} → {saved.Price} {saved.Currency} (version {saved.Version}).", saved);
    }

    private static async Task<PriceEdit> FailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new PriceEdit(false, $"{(int)response.StatusCode} {Problem(response.StatusCode, body)}", null);
    }

    /// <summary>The ProblemDetails' field errors or detail, or the status's name when the body is none.</summary>
    private static string Problem(HttpStatusCode status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("errors", out var errors))
            {
                return string.Join("; ", errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString()))}"));
            }

            return root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? status.ToString() : status.ToString();
        }
        catch (JsonException)
        {
            return status.ToString();
        }
    }
}

/// <summary>The outcome of a price edit, in words for the operator; <see cref="Product"/> as saved when it worked.</summary>
public sealed record PriceEdit(bool Done, string Message, ProductResponse? Product);
