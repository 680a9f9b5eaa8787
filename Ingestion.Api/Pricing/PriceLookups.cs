using System.Diagnostics.Metrics;

namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>
/// Where the order path's price lookups were answered: by the cache (memory or Redis), by this process's own copy, or by
/// neither (an unknown product). Counted for <c>GET /api/pricing</c> and as metric <c>eda.pricing.lookups</c> on the
/// host's meter (ServiceDefaults exports every "EdaAspire.*" meter).
/// </summary>
public sealed class PriceLookups
{
    public const string Name = "EdaAspire.Pricing";
    public const string LookupsInstrument = "eda.pricing.lookups";
    public const string SourceAttribute = "eda.pricing.source";

    public const string Cache = "cache";
    public const string Copy = "copy";
    public const string Unknown = "unknown";

    private long _cache;
    private long _copy;
    private long _unknown;

    public PriceLookups(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meters.Create(Name).CreateObservableCounter(LookupsInstrument, () => new Measurement<long>[]
        {
            new(CacheHits, new KeyValuePair<string, object?>(SourceAttribute, Cache)),
            new(Interlocked.Read(ref _copy), new KeyValuePair<string, object?>(SourceAttribute, Copy)),
            new(UnknownProducts, new KeyValuePair<string, object?>(SourceAttribute, Unknown)),
        }, "{lookup}", "Order-path price lookups by where they were answered (cache, copy, unknown).");
    }

    public long Total => CacheHits + Interlocked.Read(ref _copy) + UnknownProducts;

    public long CacheHits => Interlocked.Read(ref _cache);

    public long UnknownProducts => Interlocked.Read(ref _unknown);

    /// <summary>Counts one lookup: <paramref name="shared"/> the cache's entry, <paramref name="answer"/> the one used.</summary>
    public void Record(CatalogPrice? shared, CatalogPrice? answer)
    {
        if (answer is null)
        {
            Interlocked.Increment(ref _unknown);
        }
        else if (ReferenceEquals(answer, shared))
        {
            Interlocked.Increment(ref _cache);
        }
        else
        {
            Interlocked.Increment(ref _copy);
        }
    }
}
