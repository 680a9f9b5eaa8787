using System.Globalization;
using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Turns a delivered AMQP message back into a <see cref="ReceivedMessage"/>.</summary>
internal static class AmqpMessageReader
{
    /// <param name="lockToken">The delivery's lock; null for a peeked message.</param>
    /// <param name="lockedUntil">The lock's expiry when the broker does not say (RabbitMQ: the adapter's own lock).</param>
    /// <param name="peeked">A peeked message's header counts deliveries so far; a received one's counts earlier ones.</param>
    public static ReceivedMessage Read(Message message, SubQueue subQueue, string? lockToken, DateTimeOffset? lockedUntil, bool peeked = false)
    {
        var applicationProperties = new Dictionary<string, string>(StringComparer.Ordinal);
        string? deadLetterReason = null, deadLetterDescription = null;
        if (message.ApplicationProperties is { } properties)
        {
            foreach (var key in properties.Map.Keys)
            {
                var name = key.ToString()!;
                var value = Convert.ToString(properties.Map[key], CultureInfo.InvariantCulture) ?? "";
                switch (name)
                {
                    case MessageAnnotationNames.DeadLetterReason:
                        deadLetterReason = value;
                        break;
                    case MessageAnnotationNames.DeadLetterErrorDescription:
                        deadLetterDescription = value;
                        break;
                    default:
                        applicationProperties[name] = value;
                        break;
                }
            }
        }

        var header = message.Header?.DeliveryCount ?? 0;
        return new ReceivedMessage
        {
            MessageId = message.Properties?.MessageId?.ToString() ?? "",
            Body = Body(message),
            CorrelationId = message.Properties?.CorrelationId?.ToString(),
            Subject = message.Properties?.Subject,
            ContentType = message.Properties?.ContentType,
            ApplicationProperties = applicationProperties,
            ScheduledEnqueueTime = Time(message, MessageAnnotationNames.ScheduledEnqueueTime),
            SequenceNumber = Annotation(message, MessageAnnotationNames.SequenceNumber) is { } sequence
                ? Convert.ToInt64(sequence, CultureInfo.InvariantCulture)
                : 0,
            DeliveryCount = (int)header + (peeked ? 0 : 1),
            EnqueuedTime = Time(message, MessageAnnotationNames.EnqueuedTime) ?? DateTimeOffset.UtcNow,
            SubQueue = subQueue,
            LockToken = lockToken,
            LockedUntil = lockToken is null ? null : Time(message, MessageAnnotationNames.LockedUntil) ?? lockedUntil,
            DeadLetterReason = subQueue == SubQueue.DeadLetter ? deadLetterReason : null,
            DeadLetterDescription = subQueue == SubQueue.DeadLetter ? deadLetterDescription : null,
        };
    }

    private static ReadOnlyMemory<byte> Body(Message message) => message.BodySection switch
    {
        Data data => data.Binary,
        DataList list => Enumerable.Range(0, list.Count).SelectMany(i => list[i].Binary).ToArray(),
        AmqpValue { Value: byte[] bytes } => bytes,
        AmqpValue { Value: string text } => System.Text.Encoding.UTF8.GetBytes(text),
        _ => ReadOnlyMemory<byte>.Empty,
    };

    private static object? Annotation(Message message, string name) => message.MessageAnnotations?[new Symbol(name)];

    private static DateTimeOffset? Time(Message message, string name) => Annotation(message, name) switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => null,
    };
}
