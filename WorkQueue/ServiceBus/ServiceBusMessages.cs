using System.Globalization;
using Azure.Messaging.ServiceBus;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// Maps port messages to the SDK's and back. A copy the adapter sends itself (a delayed abandon, a resubmitted dead
/// letter) gets a fresh broker id, so duplicate detection keeps it, and carries the port's id and its deliveries so far
/// in two application properties that receiving turns back into MessageId and DeliveryCount.
/// </summary>
internal static class ServiceBusMessages
{
    public const string MessageIdProperty = "eda-message-id";
    public const string PriorDeliveriesProperty = "eda-prior-deliveries";

    // Set by the broker, the SDK or the adapter, not by a sender.
    private static readonly HashSet<string> BrokerProperties =
        ["DeadLetterReason", "DeadLetterErrorDescription", "Diagnostic-Id", MessageIdProperty, PriorDeliveriesProperty];

    public static ServiceBusMessage ToSdk(QueueMessage message)
    {
        var sdk = new ServiceBusMessage(message.Body)
        {
            MessageId = message.MessageId,
            CorrelationId = message.CorrelationId,
            Subject = message.Subject,
            ContentType = message.ContentType,
        };
        if (message.ScheduledEnqueueTime is { } due)
        {
            sdk.ScheduledEnqueueTime = due;
        }

        foreach (var (key, value) in message.ApplicationProperties)
        {
            sdk.ApplicationProperties[key] = value;
        }

        return sdk;
    }

    public static ServiceBusMessage Copy(ReceivedMessage message, int priorDeliveries, DateTimeOffset? due = null)
    {
        var copy = ToSdk(message with { ScheduledEnqueueTime = due });
        copy.MessageId = Guid.NewGuid().ToString("N");
        copy.ApplicationProperties[MessageIdProperty] = message.MessageId;
        copy.ApplicationProperties[PriorDeliveriesProperty] = priorDeliveries;
        return copy;
    }

    public static ReceivedMessage FromSdk(ServiceBusReceivedMessage message, SubQueue subQueue, bool locked)
    {
        var properties = message.ApplicationProperties;
        return new ReceivedMessage
        {
            MessageId = properties.TryGetValue(MessageIdProperty, out var id) && id is string portId ? portId : message.MessageId,
            Body = message.Body.ToMemory(),
            CorrelationId = message.CorrelationId,
            Subject = message.Subject,
            ContentType = message.ContentType,
            ApplicationProperties = properties.Where(p => !BrokerProperties.Contains(p.Key))
                .ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? ""),
            ScheduledEnqueueTime = message.ScheduledEnqueueTime == default ? null : message.ScheduledEnqueueTime,
            SequenceNumber = message.SequenceNumber,
            DeliveryCount = message.DeliveryCount
                + (properties.TryGetValue(PriorDeliveriesProperty, out var prior) ? Convert.ToInt32(prior, CultureInfo.InvariantCulture) : 0),
            EnqueuedTime = message.EnqueuedTime,
            SubQueue = subQueue,
            LockToken = locked ? message.LockToken : null,
            LockedUntil = locked ? message.LockedUntil : null,
            DeadLetterReason = message.DeadLetterReason,
            DeadLetterDescription = message.DeadLetterErrorDescription,
        };
    }
}
