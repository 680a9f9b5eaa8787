using EdaAspire.Web.Dashboard.Overview;

namespace EdaAspire.DashboardTests.Operations;

public sealed class OverviewHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rates_are_the_growth_per_second_since_the_previous_sample()
    {
        var history = new OverviewHistory(capacity: 10);
        history.Add(Samples.At(T0, logEnd: 100, projected: 40));

        var sample = history.Add(Samples.At(T0.AddSeconds(4), logEnd: 300, projected: 240));

        Assert.Equal(50, sample.IngestedPerSecond);
        Assert.Equal(50, sample.ProjectedPerSecond);
    }

    [Fact]
    public void Offsets_that_went_back_in_a_rebuild_count_as_no_progress_not_as_a_negative_rate()
    {
        var history = new OverviewHistory(capacity: 10);
        history.Add(Samples.At(T0, logEnd: 100, projected: 100));

        var sample = history.Add(Samples.At(T0.AddSeconds(2), logEnd: 100, projected: 10));

        Assert.Equal(0, sample.ProjectedPerSecond);
    }

    [Fact]
    public void Keeps_the_newest_samples_up_to_its_capacity_and_pushes_each_one()
    {
        var history = new OverviewHistory(capacity: 3);
        var pushed = new List<long>();
        history.Sampled += s => pushed.Add(s.LogEnd);

        for (var i = 0; i < 5; i++)
        {
            history.Add(Samples.At(T0.AddSeconds(i), logEnd: i));
        }

        Assert.Equal([2, 3, 4], history.Samples.Select(s => s.LogEnd));
        Assert.Equal([0, 1, 2, 3, 4], pushed);
        Assert.Equal(4, history.Latest!.LogEnd);
    }

    [Fact]
    public void History_covers_the_configured_minutes_at_the_sample_interval()
    {
        var options = new OverviewOptions { SampleInterval = TimeSpan.FromSeconds(2), History = TimeSpan.FromMinutes(5) };

        Assert.Equal(150, options.Capacity);
    }

    [Fact]
    public void A_partition_without_a_commit_lags_from_the_start_of_the_log()
    {
        Assert.Equal(30, new PartitionLag("saga", "orders", 0, null, LogStart: 10, LogEnd: 40).Lag);
        Assert.Equal(5, new PartitionLag("saga", "orders", 0, 35, LogStart: 10, LogEnd: 40).Lag);
    }
}
