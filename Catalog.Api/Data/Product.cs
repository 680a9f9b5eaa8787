namespace EdaAspire.Catalog.Api.Data;

/// <summary>A row of <c>Products</c>. <see cref="Version"/> goes up with every update: the ETag and the concurrency token.</summary>
public sealed class Product
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public decimal Price { get; set; }

    public required string Currency { get; set; }

    public bool Active { get; set; }

    public long Version { get; set; }
}
