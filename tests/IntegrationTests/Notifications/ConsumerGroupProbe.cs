using System.Diagnostics;
using Confluent.Kafka;

namespace EdaAspire.IntegrationTests.Notifications;

/// <summary>
/// Whether a consumer group has handled everything in a topic: its committed offsets (which the subscription
/// commits after each handled batch) have reached the end of every partition.
/// </summary>
public sealed class ConsumerGroupProbe(string bootstrapServers)
{
    public bool CaughtUp(string group, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics[0].Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId))
            .ToList();
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(5)).ToDictionary(c => c.TopicPartition, c => c.Offset);
        return partitions.All(p =>
        {
            var end = consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(5)).High.Value;
            return end == 0 || committed[p].Value >= end;
        });
    }

    public async Task WaitUntilCaughtUpAsync(string topic, IEnumerable<string> groups, TimeSpan? limit = null)
    {
        var pending = groups.ToList();
        var deadline = Stopwatch.GetTimestamp() + (long)((limit ?? TimeSpan.FromSeconds(30)).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            pending.RemoveAll(g => CaughtUp(g, topic));
            if (pending.Count == 0)
            {
                return;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Consumer groups {string.Join(", ", pending)} did not catch up with {topic}.");
            }

            await Task.Delay(100); // polls the condition; the limit fails the test
        }
    }
}
