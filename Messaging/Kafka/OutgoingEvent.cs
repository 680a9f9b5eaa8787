using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Messaging.Kafka;

/// <summary>An event to publish and the key that picks its partition (and so its order).</summary>
public sealed record OutgoingEvent(string Key, EventEnvelope Envelope);
