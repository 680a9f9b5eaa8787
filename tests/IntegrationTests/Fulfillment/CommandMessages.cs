extern alias saga;

using System.Diagnostics;
using System.Text;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.WorkQueue;
using saga::EdaAspire.Saga.Worker.Orders;

namespace EdaAspire.IntegrationTests.Fulfillment;

/// <summary>Fulfillment commands as the saga's outbox relay puts them on the queue, and poison that no worker can handle.</summary>
public static class CommandMessages
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly OrderLine[] Lines = [new("p-1", 2, 10m), new("p-2", 1, 5.5m)];
    private static readonly ShippingAddress Address = new("Ada", "1 Way", null, "London", "N1", "GB");

    /// <summary>One command per order, the five kinds in turn, from fixed ids so every run sends the same.</summary>
    public static List<IFulfillmentCommand> Mixed(int count, string run) => [.. Enumerable.Range(0, count).Select(i =>
    {
        var order = DeterministicId.Create($"{run}-order-{i}");
        return (i % 5) switch
        {
            0 => (IFulfillmentCommand)new AuthorizePayment(order, $"c-{i}", 25.5m, "EUR"),
            1 => new ReserveStock(order, Lines),
            2 => new ScheduleShipment(order, Address, Lines),
            3 => new RefundPayment(order, $"pay-{i}", 25.5m, "EUR"),
            _ => new ReleaseStock(order, $"res-{i}"),
        };
    })];

    public static string IdOf(IFulfillmentCommand command) => SagaMessageIds.For(command);

    public static QueueMessage For(IFulfillmentCommand command, ActivityContext trace = default) => Raw(
        IdOf(command), FulfillmentCommandCatalog.Instance.TypeOf(command), FulfillmentCommandCatalog.Instance.Serialize(command), command.OrderId, trace);

    public static QueueMessage UnknownType(Guid order) =>
        Raw($"{order:N}/gift-wrap", "shop.fulfillment.gift_wrap.v1", Encoding.UTF8.GetBytes("{}"), order);

    public static QueueMessage MalformedBody(Guid order) =>
        Raw($"{order:N}/authorize-payment", "shop.fulfillment.authorize_payment.v1", Encoding.UTF8.GetBytes("{not json"), order);

    public static QueueMessage WithoutEnvelope(Guid order) =>
        new() { MessageId = $"{order:N}/bare", Body = Encoding.UTF8.GetBytes("{}"), CorrelationId = order.ToString() };

    private static QueueMessage Raw(string messageId, string type, byte[] body, Guid order, ActivityContext trace = default) => new()
    {
        MessageId = messageId,
        Body = body,
        CorrelationId = order.ToString(),
        Subject = type,
        ContentType = EventEnvelope.JsonContentType,
        ApplicationProperties = QueueEnvelopeProperties.ToProperties(
            new EventEnvelope(messageId, type, "urn:edaaspire:saga", At, body) { Subject = order.ToString(), CorrelationId = order.ToString() },
            trace),
    };
}
