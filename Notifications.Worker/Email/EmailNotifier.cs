using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Options;

namespace EdaAspire.Notifications.Worker.Email;

/// <summary>
/// The email channel: its own consumer group on <c>orders</c>, emailing customers what <see cref="EmailPolicy"/> says.
/// Idempotent: an email is a file named by its event, so a redelivery overwrites it with the same bytes.
/// </summary>
public sealed class EmailNotifier(
    [FromKeyedServices(EmailNotifier.Channel)] OrderCustomers customers,
    PickupDirectory pickup,
    IOptions<EmailOptions> options,
    NotificationsTelemetry telemetry,
    ILogger<EmailNotifier> logger) : IMessageHandler<IOrderEvent>
{
    public const string Channel = "email";

    public async Task HandleAsync(MessageBatch<IOrderEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var notification in await customers.AddressAsync(batch.Messages, EmailPolicy.TextFor, Channel, logger, cancellationToken))
        {
            var to = CustomerContacts.EmailOf(notification.CustomerId);
            await pickup.DropAsync(EmailMessage.For(notification.Envelope, options.Value.From, to, notification.Content), cancellationToken);
            telemetry.Record(Channel, NotificationsTelemetry.Delivered);
        }
    }
}
