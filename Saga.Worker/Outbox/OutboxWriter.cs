using System.Diagnostics;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Saga.Worker.Data;
using EdaAspire.Saga.Worker.Orders;

namespace EdaAspire.Saga.Worker.Outbox;

/// <summary>Turns the saga's decisions into outbox rows, inside the caller's transaction.</summary>
public static class OutboxWriter
{
    public static void Add(SagaDbContext db, IReadOnlyList<OutgoingMessage> messages, string? causationId, DateTimeOffset now)
    {
        var trace = Activity.Current is { } activity ? TraceContext.FormatTraceParent(activity.Context) : null;
        foreach (var message in messages)
        {
            var (type, body, orderId) = message switch
            {
                SendCommand send => (FulfillmentCommandCatalog.Instance.TypeOf(send.Command), FulfillmentCommandCatalog.Instance.Serialize(send.Command), send.Command.OrderId),
                PublishEvent publish => (OrderEventCatalog.Instance.TypeOf(publish.Event), OrderEventCatalog.Instance.Serialize(publish.Event), publish.Event.OrderId),
                _ => throw new ArgumentException($"Unknown outgoing message {message.GetType().Name}.", nameof(messages)),
            };
            db.Outbox.Add(new OutboxMessage
            {
                MessageId = message.MessageId,
                Destination = message.Destination,
                Type = type,
                OrderId = orderId.ToString(),
                Body = body,
                CausationId = causationId,
                TraceParent = trace,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
    }
}
