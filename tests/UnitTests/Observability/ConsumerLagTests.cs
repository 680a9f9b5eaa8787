using EdaAspire.Messaging.Telemetry;

namespace EdaAspire.UnitTests.Observability;

public class ConsumerLagTests
{
    // Trimmed from a real librdkafka consumer report: partition -1 is internal, a lag of -1 is unknown.
    private const string Statistics = """
        {"name":"rdkafka#consumer-3","type":"consumer","topics":{
          "orders":{"topic":"orders","partitions":{
            "0":{"partition":0,"fetch_state":"active","consumer_lag":7,"hi_offset":10,"app_offset":3},
            "1":{"partition":1,"fetch_state":"none","consumer_lag":-1},
            "-1":{"partition":-1,"consumer_lag":-1}}},
          "clickstream":{"topic":"clickstream","partitions":{
            "4":{"partition":4,"fetch_state":"active","consumer_lag":0}}}}}
        """;

    [Fact]
    public void A_report_gives_the_lag_of_each_fetched_partition_and_leaves_out_unknown_ones()
    {
        var (consumer, partitions) = ConsumerLag.Parse("saga", Statistics)!.Value;

        Assert.Equal("rdkafka#consumer-3", consumer);
        Assert.Equal(
            [new PartitionLag("saga", "clickstream", 4, 0), new PartitionLag("saga", "orders", 0, 7)],
            partitions.OrderBy(p => p.Topic, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void A_report_without_topics_is_not_a_consumer_report()
    {
        Assert.Null(ConsumerLag.Parse("saga", """{"name":"rdkafka#producer-1","brokers":{}}"""));
    }

    [Fact]
    public void The_lag_of_a_group_on_a_topic_is_summed_over_the_partitions_its_consumers_reported()
    {
        // A group of its own: the reports are process-wide, as the gauge reads them.
        const string group = "consumer-lag-of-test";
        Assert.Null(ConsumerLag.Of(group, "orders"));

        ConsumerLag.Report(group, Statistics.Replace("rdkafka#consumer-3", "lag-of-test-a", StringComparison.Ordinal));
        ConsumerLag.Report(group, Statistics.Replace("rdkafka#consumer-3", "lag-of-test-b", StringComparison.Ordinal)
            .Replace("\"consumer_lag\":7", "\"consumer_lag\":5", StringComparison.Ordinal));
        try
        {
            Assert.Equal(12, ConsumerLag.Of(group, "orders"));
            Assert.Equal(0, ConsumerLag.Of(group, "clickstream"));
            Assert.Null(ConsumerLag.Of("another-group", "orders"));
        }
        finally
        {
            ConsumerLag.Forget("lag-of-test-a");
            ConsumerLag.Forget("lag-of-test-b");
        }

        Assert.Null(ConsumerLag.Of(group, "orders"));
    }
}
