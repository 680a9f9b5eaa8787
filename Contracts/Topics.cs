namespace EdaAspire.Contracts;

/// <summary>A Kafka topic of the event log and how many partitions it is created with.</summary>
public sealed record TopicSpec(string Name, int Partitions);

/// <summary>Kafka topic names: the event log's public surface.</summary>
public static class Topics
{
    public const string Clickstream = "clickstream";
    public const string Orders = "orders";

    /// <summary>12 partitions each: room for consumers to scale out, and for volume (mock partitions are capped at 5 MiB).</summary>
    public static readonly IReadOnlyList<TopicSpec> All = [new(Clickstream, 12), new(Orders, 12)];
}
