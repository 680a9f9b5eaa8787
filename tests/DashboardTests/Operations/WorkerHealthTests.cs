using EdaAspire.Web.Dashboard.Overview;

namespace EdaAspire.DashboardTests.Operations;

public sealed class WorkerHealthTests
{
    private static readonly string[] SagaGroup = ["saga"];

    [Fact]
    public void A_worker_with_no_lag_is_healthy()
    {
        var entry = WorkerHealth.Of("saga", SagaGroup, [[Samples.Group("saga", "orders", (10, 10))]]);

        Assert.Equal(HealthState.Healthy, entry.State);
    }

    [Fact]
    public void A_worker_behind_but_committing_is_healthy()
    {
        IReadOnlyList<GroupLag>[] recent = [.. Enumerable.Range(0, WorkerHealth.Window).Select(i => (IReadOnlyList<GroupLag>)[Samples.Group("saga", "orders", (i * 10, 100))])];

        Assert.Equal(HealthState.Healthy, WorkerHealth.Of("saga", SagaGroup, recent).State);
    }

    [Fact]
    public void A_worker_behind_whose_commits_stood_still_for_the_whole_window_is_stalled()
    {
        IReadOnlyList<GroupLag>[] recent = [.. Enumerable.Range(0, WorkerHealth.Window).Select(_ => (IReadOnlyList<GroupLag>)[Samples.Group("saga", "orders", (10, 100))])];

        var entry = WorkerHealth.Of("saga", SagaGroup, recent);

        Assert.Equal(HealthState.Unhealthy, entry.State);
        Assert.StartsWith("stalled: 90 behind", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_samples_to_judge_a_stall_is_not_called_one()
    {
        IReadOnlyList<GroupLag>[] recent = [[Samples.Group("saga", "orders", (10, 100))], [Samples.Group("saga", "orders", (10, 100))]];

        Assert.Equal(HealthState.Healthy, WorkerHealth.Of("saga", SagaGroup, recent).State);
        Assert.Equal(HealthState.Unknown, WorkerHealth.Of("saga", SagaGroup, []).State);
    }
}
