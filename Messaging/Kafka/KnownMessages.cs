using EdaAspire.Contracts;
using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Messaging.Kafka;

public static class KnownMessages
{
    /// <summary>
    /// The batch's records that <paramref name="catalog"/> understands, in log order. A type this version does not
    /// know (a newer producer) is skipped, logged and counted in <c>messaging.skipped.messages</c>, never fatal.
    /// </summary>
    public static List<(ConsumedEvent Consumed, T Message)> ReadKnown<T>(
        this ConsumedBatch batch, MessageCatalog<T> catalog, string consumerGroup, ILogger logger)
        where T : class
    {
        var known = new List<(ConsumedEvent, T)>(batch.Events.Count);
        foreach (var consumed in batch.Events)
        {
            if (catalog.Read(consumed.Envelope.Type, consumed.Envelope.Data) is { } message)
            {
                known.Add((consumed, message));
                continue;
            }

            logger.LogWarning("Skipping event {Id} of unknown type {Type}", consumed.Envelope.Id, consumed.Envelope.Type);
            MessagingTelemetry.SkippedMessages.Add(1, MessagingTelemetry.Tags("process", consumed.Position.Topic, consumerGroup, "unknown_type"));
        }

        return known;
    }
}
