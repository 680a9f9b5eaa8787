using System.Text.Json;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Web.Dashboard.Orders.Live;

/// <summary>
/// The dashboard's subscription to topic <c>orders</c>: turns each order event it knows into an
/// <see cref="OrderUpdate"/> for the open pages. It stores nothing, so a batch is done once it is published.
/// </summary>
public sealed class OrderUpdatesHandler(OrderUpdates updates, LiveFeedGroup group, ILogger<OrderUpdatesHandler> logger) : IBatchHandler
{
    public Task HandleAsync(string subscription, ConsumedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        updates.Publish(Read(batch).Select(k => new OrderUpdate(
            k.Message.OrderId, k.Consumed.Envelope.Id, k.Consumed.Envelope.Type, k.Consumed.Envelope.Time)).ToList());
        return Task.CompletedTask;
    }

    private List<(ConsumedEvent Consumed, IOrderEvent Message)> Read(ConsumedBatch batch)
    {
        try
        {
            return batch.ReadKnown(OrderEventCatalog.Instance, group.Id, logger);
        }
        catch (JsonException)
        {
            // A poison body would fail the batch on every retry and freeze the feed; a notification is not worth
            // that, so read event by event and leave the bad one out (the projections deal with it for real).
            return batch.Events.SelectMany(ReadOne).ToList();
        }
    }

    private List<(ConsumedEvent, IOrderEvent)> ReadOne(ConsumedEvent consumed)
    {
        try
        {
            return new ConsumedBatch([consumed], []).ReadKnown(OrderEventCatalog.Instance, group.Id, logger);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Live feed skips event {Id} ({Type}) at {Position}: its body does not parse",
                consumed.Envelope.Id, consumed.Envelope.Type, consumed.Position);
            return [];
        }
    }
}
