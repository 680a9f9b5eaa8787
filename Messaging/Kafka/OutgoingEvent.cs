using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Messaging.Kafka;

/// <summary>An event to publish and the key that picks its partition (and so its order).</summary>
public sealed record OutgoingEvent(string Key, EventEnvelope Envelope)
{
    /// <summary>
    /// Sent with a null value, the record that tells a compacted topic to drop <see cref="Key"/>; the envelope's
    /// attributes still travel as headers (its data does not), so readers see its id and type and skip it.
    /// </summary>
    public bool Tombstone { get; init; }
}
