using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Notifications.Worker.Sms;

/// <summary>
/// The SMS channel: its own consumer group on <c>orders</c>, texting customers what <see cref="SmsPolicy"/> says.
/// Idempotent: the outbox skips an event it already sent, and a batch's messages reach the disk before its offsets commit.
/// </summary>
public sealed class SmsNotifier(
    [FromKeyedServices(SmsNotifier.Channel)] OrderCustomers customers,
    SmsOutbox outbox,
    NotificationsTelemetry telemetry,
    ILogger<SmsNotifier> logger) : IMessageHandler<IOrderEvent>
{
    public const string Channel = "sms";

    public async Task HandleAsync(MessageBatch<IOrderEvent> batch, CancellationToken cancellationToken)
    {
        var notifications = await customers.AddressAsync(batch.Messages, SmsPolicy.TextFor, Channel, logger, cancellationToken);
        var messages = notifications
            .Select(n => new SmsMessage(n.Envelope.Id, CustomerContacts.PhoneOf(n.CustomerId), n.Content))
            .ToList();
        var sent = await outbox.SendAsync(messages, cancellationToken);
        telemetry.Record(Channel, NotificationsTelemetry.Delivered, sent);
        telemetry.Record(Channel, NotificationsTelemetry.Duplicate, messages.Count - sent);
    }
}
