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
        if (Apply(consumed) is { } applied)
        {
            await cache.ShareAsync(applied, cancellationToken);
            return;
        }

        logger.LogDebug("Catalog record {Id} ({Type}) at {Position} changes no price", consumed.Envelope.Id, consumed.Envelope.Type, consumed.Position);
    }

    /// <summary>The product's entry as the record left it, or null when the book held one as new (or the record is no change).</summary>
    private CatalogPrice? Apply(ConsumedEvent consumed)
    {
        var envelope = consumed.Envelope;
        if (envelope.Type == CatalogEventCatalog.TombstoneType)
        {
            return consumed.Key is { } productId ? book.MarkDeleted(productId) : null;
        }

        return CatalogEventCatalog.Instance.Read(envelope.Type, envelope.Data) is ProductChanged change && CatalogPrice.From(change) is var price && book.Apply(price)
            ? price
            : null;
    }
}
