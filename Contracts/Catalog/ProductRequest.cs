namespace EdaAspire.Contracts.Catalog;

/// <summary>
/// The body of <c>POST /api/products</c> (Id required) and <c>PUT /api/products/{id}</c> (Id optional, must match the
/// route). Every field is nullable so a missing one is reported by name instead of failing to bind.
/// </summary>
public sealed record ProductRequest(string? Id, string? Name, decimal? Price, string? Currency, bool? Active);

/// <summary>A product as Catalog.Api answers it; <see cref="Version"/> is also its ETag.</summary>
public sealed record ProductResponse(string Id, string Name, decimal Price, string Currency, bool Active, long Version);
