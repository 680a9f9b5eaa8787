using System.Text.Json;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Web.Dashboard.Orders.Live;

/// <summary>
/// The dashboard's subscription to topic <c>orders</c>: turns each order event it knows into an
/// <see cref="OrderUpdate"/> for the open pages. It stores nothing, so a batch is done once it is published.
/// </summary>
public sealed class OrderUpdatesHandler(OrderUpdates updates) : IMessageHandler<IOrderEvent>
{
    /// <summary>
    /// An order event, or null for one of a type this feed does not know or whose body does not parse: a poison body
    /// would fail the batch on every retry and freeze the feed; a notification is not worth that, so it is left out
    /// (the projections deal with it for real).
    /// </summary>
    public static IOrderEvent? Read(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        try
        {
            return OrderEventCatalog.Instance.Read(envelope.Type, envelope.Data);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public Task HandleAsync(MessageBatch<IOrderEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        updates.Publish(batch.Messages.Select(k => new OrderUpdate(
            k.Message.OrderId, k.EventId, k.Consumed.Envelope.Type, k.Consumed.Envelope.Time)).ToList());
        return Task.CompletedTask;
    }
}
