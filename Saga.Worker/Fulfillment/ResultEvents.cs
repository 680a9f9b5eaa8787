using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// How a command's result goes onto topic <c>orders</c>. Its id derives from the command's message id, so a redelivered
/// command republishes the very same event, which consumers drop by id.
/// </summary>
public static class ResultEvents
{
    public const string Source = "urn:edaaspire:fulfillment";

    public static string IdFor(string commandMessageId) => DeterministicId.Create($"{commandMessageId}:result").ToString();

    /// <summary>Keyed by order id, like every order event; correlated to the order and caused by the command.</summary>
    public static OutgoingEvent For(IOrderEvent result, string commandMessageId, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(result);
        var orderId = result.OrderId.ToString();
        var envelope = new EventEnvelope(
            IdFor(commandMessageId),
            OrderEventCatalog.Instance.TypeOf(result),
            Source,
            time,
            OrderEventCatalog.Instance.Serialize(result))
        {
            Subject = orderId,
            CorrelationId = orderId,
            CausationId = commandMessageId,
        };
        return new OutgoingEvent(orderId, envelope);
    }
}
