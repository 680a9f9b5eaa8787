using EdaAspire.Contracts;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Messaging.Kafka;

/// <summary>A record of a batch and the message it carries, in the shape this version reads it in.</summary>
public sealed record Known<T>(ConsumedEvent Consumed, T Message)
{
    public string EventId => Consumed.Envelope.Id;
}

/// <summary>What a handler of typed messages gets: the messages it understands, in log order, and the batch they came in.</summary>
public sealed record MessageBatch<T>(string Subscription, ConsumedBatch Batch, IReadOnlyList<Known<T>> Messages);

/// <summary>Reads the messages of one vocabulary: null for a type this version does not know.</summary>
public delegate T? MessageReader<T>(EventEnvelope envelope)
    where T : class;

public static class KnownMessages
{
    /// <summary>Reads through a catalog, upcasting the older versions it knows.</summary>
    public static MessageReader<T> Reader<T>(MessageCatalog<T> catalog)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return envelope => catalog.Read(envelope.Type, envelope.Data);
    }

    /// <summary>
    /// The batch's records that <paramref name="read"/> understands, in log order. A type this version does not know (a
    /// newer producer) is skipped, logged and counted in <c>messaging.skipped.messages</c>, never fatal.
    /// </summary>
    public static List<Known<T>> ReadKnown<T>(this ConsumedBatch batch, MessageReader<T> read, string consumerGroup, MessagingTelemetry telemetry, ILogger logger)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(telemetry);
        var known = new List<Known<T>>(batch.Events.Count);
        foreach (var consumed in batch.Events)
        {
            if (read(consumed.Envelope) is { } message)
            {
                known.Add(new Known<T>(consumed, message));
                continue;
            }

            logger.LogWarning("Skipping event {Id} of type {Type} at {Position}: this subscriber does not read it", consumed.Envelope.Id, consumed.Envelope.Type, consumed.Position);
            telemetry.SkippedMessages.Add(1, MessagingTelemetry.Tags("process", consumed.Position.Topic, consumerGroup, "unknown_type"));
        }

        return known;
    }
}
