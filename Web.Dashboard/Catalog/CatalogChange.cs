using EdaAspire.Contracts.Catalog;

namespace EdaAspire.Web.Dashboard.Catalog;

/// <summary>One record of topic <c>catalog</c> as the catalog page lists it; a tombstone has no operation of its own.</summary>
public sealed record CatalogChange(
    string EventId,
    string ProductId,
    string Operation,
    ProductImage? Before,
    ProductImage? After,
    long? Version,
    DateTimeOffset At,
    int Partition,
    long Offset)
{
    public const string Tombstone = "tombstone";

    public static CatalogChange From(string eventId, ProductChanged change, int partition, long offset) =>
        new(eventId, change.ProductId, change.Operation, change.Before, change.After, change.Source.Version, change.Source.ChangedAt, partition, offset);
}
