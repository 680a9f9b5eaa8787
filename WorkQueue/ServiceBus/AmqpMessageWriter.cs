using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Turns a <see cref="QueueMessage"/> into the AMQP message the broker gets, and a batch into one Service Bus transfer.</summary>
internal static class AmqpMessageWriter
{
    // Process-wide and increasing, so RabbitMQ messages sorted by it are in send order (broker-assigned on Service Bus).
    private static long _lastSequenceNumber;

    public static Message Write(QueueMessage message, AmqpBrokerDialect dialect, TimeProvider time)
    {
        if (message.ScheduledEnqueueTime is not null && !dialect.SupportsScheduling)
        {
            throw new NotSupportedException($"{dialect.Broker} cannot schedule messages (ScheduledEnqueueTime); only Service Bus can.");
        }

        var amqp = new Message
        {
            BodySection = new Data { Binary = message.Body.ToArray() },
            Properties = new Properties
            {
                MessageId = message.MessageId,
                CorrelationId = message.CorrelationId,
                Subject = message.Subject,
                ContentType = message.ContentType is null ? null : new Symbol(message.ContentType),
            },
            ApplicationProperties = new ApplicationProperties(),
            MessageAnnotations = new MessageAnnotations(),
        };
        foreach (var (name, value) in message.ApplicationProperties)
        {
            amqp.ApplicationProperties[name] = value;
        }

        if (message.ScheduledEnqueueTime is { } scheduled)
        {
            amqp.MessageAnnotations[new Symbol(MessageAnnotationNames.ScheduledEnqueueTime)] = scheduled.UtcDateTime;
        }

        if (dialect.AdapterStampsSequenceNumbers)
        {
            amqp.MessageAnnotations[new Symbol(MessageAnnotationNames.SequenceNumber)] = NextSequenceNumber(time);
            amqp.MessageAnnotations[new Symbol(MessageAnnotationNames.EnqueuedTime)] = time.GetUtcNow().UtcDateTime;
        }

        return amqp;
    }

    /// <summary>
    /// Service Bus's batch: one transfer in the batch message format whose Data sections are the encoded messages. The
    /// broker accepts or refuses the transfer as a whole, which is what makes a batch all or none there.
    /// </summary>
    public static Message Batch(IReadOnlyList<Message> messages)
    {
        var sections = new DataList();
        foreach (var message in messages)
        {
            var encoded = message.Encode();
            sections.Add(new Data { Binary = encoded.Buffer.AsSpan(encoded.Offset, encoded.Length).ToArray() });
        }

        return new Message
        {
            Format = MessageAnnotationNames.BatchMessageFormat,
            BodySection = sections,
            Properties = new Properties { MessageId = messages[0].Properties.MessageId },
        };
    }

    /// <summary>Ticks of the current time, but always above the last number handed out (unique and increasing in this process).</summary>
    internal static long NextSequenceNumber(TimeProvider time)
    {
        var now = time.GetUtcNow().UtcTicks;
        while (true)
        {
            var last = Interlocked.Read(ref _lastSequenceNumber);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _lastSequenceNumber, next, last) == last)
            {
                return next;
            }
        }
    }
}
