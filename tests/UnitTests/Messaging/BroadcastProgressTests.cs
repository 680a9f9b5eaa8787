using EdaAspire.Messaging.Kafka;

namespace EdaAspire.UnitTests.Messaging;

public class BroadcastProgressTests
{
    [Fact]
    public void A_topic_is_caught_up_once_every_partition_reached_its_end_as_of_start()
    {
        var progress = new BroadcastProgress();
        Assert.False(progress.IsCaughtUp("catalog"));

        progress.Start("catalog", [(0, 0, 3), (1, 0, 0), (2, 5, 5), (3, 2, 4)]);
        Assert.False(progress.IsCaughtUp("catalog"));
        Assert.Equal("2 of 4 partitions of 'catalog' read to their end as of start", progress.Describe("catalog"));

        progress.Advance("catalog", 0, 3);
        progress.Advance("catalog", 3, 3);
        Assert.False(progress.IsCaughtUp("catalog"));

        // Records written after the start do not move the target.
        progress.Advance("catalog", 3, 9);
        Assert.True(progress.IsCaughtUp("catalog"));
    }

    [Fact]
    public void An_empty_topic_is_caught_up_at_once_and_other_topics_are_not_affected()
    {
        var progress = new BroadcastProgress();

        progress.Start("catalog", [(0, 0, 0)]);
        progress.Advance("control", 0, 10);

        Assert.True(progress.IsCaughtUp("catalog"));
        Assert.False(progress.IsCaughtUp("control"));
        Assert.Equal("'control' not assigned yet", progress.Describe("control"));
    }
}
