using EdaAspire.DashboardTests.Infrastructure;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.EmbeddedKafka;
using EdaAspire.Web.Dashboard.Overview;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EdaAspire.DashboardTests.Operations;

/// <summary>Lag from the real Kafka protocol: the embedded cluster's watermarks and a group's committed offsets.</summary>
[Collection(RunsAlone.Name)]
public sealed class KafkaOffsetsTests : IDisposable
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();

    [Fact]
    public void Lag_is_the_log_end_minus_the_groups_committed_offset_per_partition()
    {
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                producer.Produce(new TopicPartition(Topics.Orders, 3), new Message<Null, string> { Value = $"event {i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(10));
        }

        using (var saga = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = "saga" }).Build())
        {
            saga.Commit([new TopicPartitionOffset(Topics.Orders, 3, 4)]);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:kafka", _kafka.BootstrapServers)]).Build();
        using var offsets = new KafkaOffsets(configuration, Options.Create(new OverviewOptions()));

        var partitions = offsets.Partitions();
        var lag = offsets.Lag(partitions);

        Assert.Equal(12, partitions[Topics.Orders]);
        var sagaOn3 = lag.Single(p => p is { Group: "saga", Topic: Topics.Orders, Partition: 3 });
        Assert.Equal((4L, 10L, 6L), (sagaOn3.Committed!.Value, sagaOn3.LogEnd, sagaOn3.Lag));
        // A group that never committed is behind by the whole partition.
        Assert.Equal(10, lag.Single(p => p is { Group: "projections-orders", Partition: 3 }).Lag);
        Assert.Equal(6 + 10, GroupLag.From(lag).Where(g => g.Topic == Topics.Orders && g.Group is "saga" or "projections-orders").Sum(g => g.Lag));
        Assert.Equal(10, offsets.Ends(Topics.Orders, 12)[3]);
    }

    public void Dispose() => _kafka.Dispose();
}
