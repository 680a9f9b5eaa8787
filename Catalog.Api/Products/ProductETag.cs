using EdaAspire.Catalog.Api.Data;
using Microsoft.Net.Http.Headers;

namespace EdaAspire.Catalog.Api.Products;

/// <summary>Optimistic concurrency over HTTP: a product's ETag is its row version; a change must name it in <c>If-Match</c>.</summary>
public static class ProductETag
{
    public static string Of(Product product) => $"\"{product.Version}\"";

    /// <summary>What <c>If-Match</c> asks for: no header, a version, or any (<c>*</c>).</summary>
    public static IfMatch Read(HttpRequest request)
    {
        var tags = request.GetTypedHeaders().IfMatch;
        if (tags.Count == 0)
        {
            return IfMatch.Missing;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return IfMatch.Any;
        }

        var versions = tags.Where(t => !t.IsWeak)
            .Select(t => long.TryParse(t.Tag.AsSpan().Trim('"'), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (long?)null)
            .OfType<long>()
            .ToList();
        return new IfMatch(true, versions);
    }

    public static void Write(HttpContext context, Product product) => context.Response.Headers.ETag = Of(product);
}

/// <summary>The versions a request's <c>If-Match</c> accepts; an empty list with <see cref="Present"/> matches none.</summary>
public sealed record IfMatch(bool Present, IReadOnlyList<long>? Versions)
{
    public static IfMatch Missing { get; } = new(false, []);

    public static IfMatch Any { get; } = new(true, null);

    /// <summary>The version to require in the UPDATE/DELETE: the one the client named, or the current one for <c>*</c>.</summary>
    public long? Expected(long current) => Versions is null ? current : Versions.Contains(current) ? current : null;
}
