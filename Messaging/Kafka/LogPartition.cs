using Confluent.Kafka;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// One partition of a topic, as checkpoint stores see it: a plain value, so stores (SQL, files) need no Kafka client
/// types; it converts to and from the client's <see cref="TopicPartition"/> at the subscription's edge.
/// </summary>
public readonly record struct LogPartition(string Topic, int Partition)
{
    public static implicit operator LogPartition(TopicPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return new(partition.Topic, partition.Partition.Value);
    }

    public static implicit operator TopicPartition(LogPartition partition) => new(partition.Topic, partition.Partition);

    public override string ToString() => $"{Topic} [{Partition}]";
}
