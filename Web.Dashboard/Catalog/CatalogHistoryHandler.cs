using EdaAspire.Contracts.Catalog;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Web.Dashboard.Catalog;

/// <summary>Keeps <see cref="CatalogHistory"/> from topic <c>catalog</c>: each product change, and the tombstone after a delete.</summary>
public sealed class CatalogHistoryHandler(CatalogHistory history) : IBroadcastHandler
{
    public Task HandleAsync(ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        var envelope = consumed.Envelope;
        var (partition, offset) = (consumed.Position.Partition.Value, consumed.Position.Offset.Value);
        if (envelope.Type == CatalogEventCatalog.TombstoneType && consumed.Key is { } productId)
        {
            history.Add(new CatalogChange(envelope.Id, productId, CatalogChange.Tombstone, null, null, null, envelope.Time, partition, offset));
        }
        else if (CatalogEventCatalog.Instance.Read(envelope.Type, envelope.Data) is ProductChanged change)
        {
            history.Add(CatalogChange.From(envelope.Id, change, partition, offset));
        }

        return Task.CompletedTask;
    }
}
