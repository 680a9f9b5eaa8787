using System.Globalization;
using EdaAspire.ChangeCapture.Worker.ChangeRecord;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Catalog;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.ChangeCapture.Worker;

/// <summary>
/// What a captured change becomes on topic <c>catalog</c>: a <see cref="ProductChanged"/> keyed by product id and, after
/// a delete, a tombstone for compaction. Ids come from (table, key, change version), so a change published again after
/// a crash carries the id it had the first time.
/// </summary>
public static class ProductChangeEvents
{
    public const string Source = "urn:edaaspire:catalog";

    public static IEnumerable<OutgoingEvent> Of(CapturedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var body = new ProductChanged(change.ProductId, change.Operation, change.Before, change.After, change.Source);
        yield return new OutgoingEvent(change.ProductId, Envelope(change, EventId(change.Source, change.ProductId),
            CatalogEventCatalog.ProductChangedType, CatalogEventCatalog.Instance.Serialize(body)));
        if (change.Operation == ChangeOperations.Delete)
        {
            yield return new OutgoingEvent(change.ProductId, Envelope(change, EventId(change.Source, change.ProductId) + "-tombstone",
                CatalogEventCatalog.TombstoneType, ReadOnlyMemory<byte>.Empty)) { Tombstone = true };
        }
    }

    public static string EventId(ChangeSource source, string productId)
    {
        ArgumentNullException.ThrowIfNull(source);
        return DeterministicId.Create(string.Create(CultureInfo.InvariantCulture, $"{Topics.Catalog}/{source.Table}/{productId}/{source.Version}")).ToString();
    }

    private static EventEnvelope Envelope(CapturedChange change, string id, string type, ReadOnlyMemory<byte> data) =>
        new(id, type, Source, change.Source.ChangedAt, data) { Subject = change.ProductId };
}
