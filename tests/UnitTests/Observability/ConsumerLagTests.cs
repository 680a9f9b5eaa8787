using System.Diagnostics.Metrics;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.SemanticConventions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace EdaAspire.UnitTests.Observability;

public sealed class ConsumerLagTests : IDisposable
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

    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

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
        var lag = new ConsumerLag(_metrics.GetRequiredService<IMeterFactory>());
        Assert.Null(lag.Of("saga", "orders"));

        lag.Report("saga", Statistics.Replace("rdkafka#consumer-3", "consumer-a", StringComparison.Ordinal));
        lag.Report("saga", Statistics.Replace("rdkafka#consumer-3", "consumer-b", StringComparison.Ordinal)
            .Replace("\"consumer_lag\":7", "\"consumer_lag\":5", StringComparison.Ordinal));

        Assert.Equal(12, lag.Of("saga", "orders"));
        Assert.Equal(0, lag.Of("saga", "clickstream"));
        Assert.Null(lag.Of("another-group", "orders"));
        lag.Forget("consumer-a");
        Assert.Equal(5, lag.Of("saga", "orders"));
        lag.Forget("consumer-b");
        Assert.Null(lag.Of("saga", "orders"));
    }

    [Fact]
    public void The_gauge_reports_only_the_lag_of_its_own_host_on_that_host_s_meter()
    {
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var (meters, otherMeters) = (_metrics.GetRequiredService<IMeterFactory>(), otherHost.GetRequiredService<IMeterFactory>());
        var (lag, otherLag) = (new ConsumerLag(meters), new ConsumerLag(otherMeters));
        using var gauge = new MetricCollector<long>(meters, MessagingTelemetry.Name, ConsumerLag.InstrumentName);
        using var otherGauge = new MetricCollector<long>(otherMeters, MessagingTelemetry.Name, ConsumerLag.InstrumentName);

        lag.Report("saga", Statistics);
        gauge.RecordObservableInstruments();
        otherGauge.RecordObservableInstruments();

        var orders = Assert.Single(gauge.GetMeasurementSnapshot(), m => (string?)m.Tags[MessagingAttributes.DestinationName] == "orders");
        Assert.Equal(7, orders.Value);
        Assert.Equal("saga", orders.Tags[MessagingAttributes.ConsumerGroupName]);
        Assert.Equal("0", orders.Tags[MessagingAttributes.PartitionId]);
        Assert.Equal(2, gauge.GetMeasurementSnapshot().Count);
        Assert.Empty(otherGauge.GetMeasurementSnapshot());
        Assert.Null(otherLag.Of("saga", "orders"));
    }

    public void Dispose() => _metrics.Dispose();
}
