using EdaAspire.Contracts.Catalog;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Ingestion.Api.Pricing;

/// <summary>
/// Keeps the <see cref="PriceBook"/> from topic <c>catalog</c>, read whole from its start in every process (state
/// transfer): the compacted topic is the durable state, so the copy needs no table of its own and survives the catalog
/// being down. Each applied change is shared through the <see cref="PriceCache"/>.
/// </summary>
public sealed class CatalogFeed(PriceBook book, PriceCache cache, ILogger<CatalogFeed> logger) : IBroadcastHandler
{
    public async Task HandleAsync(ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        var envelope = consumed.Envelope;
        var applied = envelope.Type == CatalogEventCatalog.TombstoneType
            ? consumed.Key is { } productId ? book.MarkDeleted(productId) : null
            : CatalogEventCatalog.Instance.Read(envelope.Type, envelope.Data) is ProductChanged change && CatalogPrice.From(change) is { } price
                ? book.Apply(price) ? price : null
                : null;
        if (applied is null)
        {
            logger.LogDebug("Catalog record {Id} ({Type}) at {Position} changes no price", envelope.Id, envelope.Type, consumed.Position);
            return;
        }

        await cache.ShareAsync(applied, cancellationToken);
    }
}
