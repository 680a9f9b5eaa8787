using System.Text;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Web.Dashboard.Orders;
using EdaAspire.WorkQueue;

namespace EdaAspire.Web.Dashboard.DeadLetters;

/// <summary>A dead letter as the page shows it: why it was set aside, how often it was tried, and its body.</summary>
public sealed record DeadLetter(
    long SequenceNumber,
    string MessageId,
    string? Type,
    string? OrderId,
    string Reason,
    string? Description,
    int DeliveryCount,
    DateTimeOffset EnqueuedTime,
    string Body)
{
    public static DeadLetter From(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new DeadLetter(
            message.SequenceNumber,
            message.MessageId,
            message.ApplicationProperties.GetValueOrDefault(QueueEnvelopeProperties.Binding.Type) ?? message.Subject,
            message.CorrelationId,
            message.DeadLetterReason ?? "(none)",
            message.DeadLetterDescription,
            message.DeliveryCount,
            message.EnqueuedTime,
            PrettyJson.Format(Encoding.UTF8.GetString(message.Body.Span)));
    }
}
