using EdaAspire.Web.Dashboard.Admin.Control;

namespace EdaAspire.DashboardTests.Operations;

public sealed class RebuildProgressTests
{
    private static readonly Dictionary<int, long> Ends = new() { [0] = 100, [1] = 50, [2] = 0 };

    [Fact]
    public void From_the_start_progress_is_the_checkpoints_over_the_partition_ends()
    {
        var progress = RebuildProgress.From(new Dictionary<int, long> { [0] = 60, [1] = 15 }, Ends, fromOffset: 0);

        Assert.Equal((75, 150), (progress.Done, progress.Total));
        Assert.Equal(50, progress.Percent);
        Assert.False(progress.Complete);
    }

    [Fact]
    public void From_an_offset_counts_only_what_lies_after_it_and_partitions_shorter_than_it_are_done()
    {
        var progress = RebuildProgress.From(new Dictionary<int, long> { [0] = 80 }, Ends, fromOffset: 60);

        // Partition 0: 60 → 100, at 80. Partition 1 ends at 50, before the offset: nothing to replay.
        Assert.Equal((20, 40), (progress.Done, progress.Total));
    }

    [Fact]
    public void Complete_once_every_checkpoint_reached_its_end()
    {
        var progress = RebuildProgress.From(new Dictionary<int, long> { [0] = 100, [1] = 50 }, Ends, fromOffset: 0);

        Assert.True(progress.Complete);
        Assert.Equal(100, progress.Percent);
    }

    [Fact]
    public void Before_a_worker_applied_the_request_nothing_is_done()
    {
        Assert.False(RebuildProgress.Waiting.Complete);
        Assert.Equal(0, RebuildProgress.Waiting.Percent);
    }
}
