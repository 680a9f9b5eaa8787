namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>How far a consumer group is behind on one partition: the log's end minus the group's committed offset.</summary>
/// <param name="Committed">The next offset the group will read; null when it never committed (lag counts from the log's start).</param>
public sealed record PartitionLag(string Group, string Topic, int Partition, long? Committed, long LogStart, long LogEnd)
{
    public long Lag => Math.Max(0, LogEnd - (Committed ?? LogStart));
}

/// <summary>A group's lag on one topic, summed over its partitions.</summary>
public sealed record GroupLag(string Group, string Topic, IReadOnlyList<PartitionLag> Partitions)
{
    public long Lag => Partitions.Sum(p => p.Lag);

    public long Committed => Partitions.Sum(p => p.Committed ?? p.LogStart);

    public static IReadOnlyList<GroupLag> From(IEnumerable<PartitionLag> partitions) => partitions
        .GroupBy(p => (p.Group, p.Topic))
        .Select(g => new GroupLag(g.Key.Group, g.Key.Topic, g.OrderBy(p => p.Partition).ToList()))
        .ToList();
}
