using Confluent.Kafka;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>Looks into the embedded cluster from outside, as any Kafka client would.</summary>
public sealed class KafkaProbe(string bootstrapServers)
{
    /// <summary>How many records a topic holds (sum of high watermarks; the mock cluster never compacts).</summary>
    public long MessagesIn(string topic) => HighWatermarks(topic).Values.Sum();

    /// <summary>Each partition's high watermark: the offset its next record gets.</summary>
    public Dictionary<int, long> HighWatermarks(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "probe" }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics[0].Partitions;
        return partitions.ToDictionary(
            p => p.PartitionId,
            p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(5)).High.Value);
    }

    /// <summary>Reads a topic from the start until <paramref name="expected"/> records arrived (or the time limit, 30 s by default, passed).</summary>
    public List<ConsumeResult<string, byte[]>> ReadAll(string topic, int expected, TimeSpan? limit = null)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"probe-{Guid.NewGuid()}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } record)
            {
                records.Add(record);
            }
        }

        consumer.Close();
        return records;
    }
}
