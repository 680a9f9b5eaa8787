namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>The price cache's levels: memory always; <paramref name="Shared"/>: Redis as the second level, shared by every process.</summary>
public sealed record PriceCacheLevels(bool Shared);
