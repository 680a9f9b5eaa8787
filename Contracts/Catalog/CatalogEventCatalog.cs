using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdaAspire.Contracts.Catalog;

/// <summary>Topic <c>catalog</c>'s vocabulary (log-compacted, key = product id).</summary>
public static class CatalogEventCatalog
{
    public const string ProductChangedType = "shop.catalog.product_changed.v1";

    /// <summary>
    /// The type of the tombstone (null value) that follows a delete so compaction drops the key. It has no body and is
    /// not in the catalog: readers skip it like any type they do not know.
    /// </summary>
    public const string TombstoneType = "shop.catalog.product_tombstone.v1";

    public static MessageCatalog<ICatalogEvent> Instance { get; } = new MessageCatalog<ICatalogEvent>()
        .Add(ProductChangedType, CatalogJsonContext.Default.ProductChanged);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProductChanged))]
[JsonSerializable(typeof(ProductRequest))]
[JsonSerializable(typeof(ProductResponse))]
[JsonSerializable(typeof(IReadOnlyList<ProductResponse>))]
[JsonSerializable(typeof(List<ProductResponse>))]
[JsonSerializable(typeof(CaptureStatus))]
[JsonSerializable(typeof(PriceCacheStatus))]
public sealed partial class CatalogJsonContext : JsonSerializerContext;
