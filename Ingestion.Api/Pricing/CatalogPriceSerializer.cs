using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Hybrid;

namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>How a price is stored in the cache's second level: JSON by source generation, like every other body.</summary>
public sealed class CatalogPriceSerializer : IHybridCacheSerializer<CatalogPrice?>
{
    public CatalogPrice? Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize(ref reader, PricingJsonContext.Default.CatalogPrice);
    }

    public void Serialize(CatalogPrice? value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value, PricingJsonContext.Default.CatalogPrice!);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CatalogPrice))]
public sealed partial class PricingJsonContext : JsonSerializerContext;
