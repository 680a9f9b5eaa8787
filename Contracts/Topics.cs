namespace EdaAspire.Contracts;

/// <summary>A Kafka topic of the event log and how many partitions it is created with.</summary>
public sealed record TopicSpec(string Name, int Partitions)
{
    /// <summary>Log-compacted (<c>cleanup.policy=compact</c>): the broker keeps at least the last record of each key.</summary>
    public bool Compacted { get; init; }
}

/// <summary>Kafka topic names: the event log's public surface.</summary>
public static class Topics
{
    public const string Clickstream = "clickstream";
    public const string Orders = "orders";

    /// <summary>The catalog's product changes, captured from its database (key = product id): compacted, so the topic is the catalog's current state.</summary>
    public const string Catalog = "catalog";

    /// <summary>
    /// Operator commands to every replica (failure injection, projection rebuilds). One partition: one order, so the
    /// latest setting wins; every process reads it whole, from the start, with no group of its own.
    /// </summary>
    public const string Control = "control";

    /// <summary>
    /// The event log's topics get 12 partitions each: room for consumers to scale out, and for volume (mock partitions are
    /// capped at 5 MiB). Control gets one; the dead-letter topics a few (they should stay nearly empty); the catalog a few
    /// (a few thousand keys, rarely written).
    /// </summary>
    public static readonly IReadOnlyList<TopicSpec> All =
    [
        new(Clickstream, 12), new(Orders, 12), new(Control, 1), new(DeadLetterOf(Clickstream), 3), new(DeadLetterOf(Orders), 3),
        new(Catalog, 6) { Compacted = true },
    ];

    /// <summary>Where consumers park records of <paramref name="topic"/> they cannot handle.</summary>
    public static string DeadLetterOf(string topic) => topic + ".deadletter";
}
