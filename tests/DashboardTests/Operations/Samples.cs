using EdaAspire.Web.Dashboard.Overview;

namespace EdaAspire.DashboardTests.Operations;

/// <summary>Overview samples as the sampler takes them.</summary>
public static class Samples
{
    public static OverviewSample At(DateTimeOffset at, long logEnd = 0, long projected = 0, IReadOnlyList<GroupLag>? lag = null) =>
        new(at, logEnd, projected, 0, 0, lag ?? [], null, null, []);

    /// <summary>A group on one topic whose partitions have these committed offsets and ends.</summary>
    public static GroupLag Group(string group, string topic, params (long? Committed, long End)[] partitions) =>
        new(group, topic, partitions.Select((p, i) => new PartitionLag(group, topic, i, p.Committed, 0, p.End)).ToList());
}
