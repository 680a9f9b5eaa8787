namespace EdaAspire.Messaging.Kafka;

/// <summary>The broker could not take the events now (down, unreachable, or the local queue is full); retry later.</summary>
public sealed class KafkaUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
