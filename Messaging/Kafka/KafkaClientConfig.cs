using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// Builds librdkafka configs the way Aspire's Kafka integration does: bootstrap servers from
/// <c>ConnectionStrings:{name}</c>, any librdkafka property from <c>Kafka:{Producer|Consumer}</c>, and for one consumer
/// group from <c>Kafka:Consumer:Groups:{group id}</c> on top.
/// </summary>
public static class KafkaClientConfig
{
    public const string DefaultConnectionName = "kafka";

    public static string BootstrapServers(IConfiguration configuration, string connectionName = DefaultConnectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } servers
            ? servers
            : throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. It holds the Kafka bootstrap servers (host:port[,host:port]).");

    public static ProducerConfig Producer(IConfiguration configuration, string connectionName = DefaultConnectionName)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = BootstrapServers(configuration, connectionName),
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            // Fail a delivery within seconds rather than librdkafka's default of five minutes: the
            // HTTP caller is waiting and is better served by a 503 it can retry.
            MessageTimeoutMs = 5000,
            StatisticsIntervalMs = 1000,
            // Only the error of a delivery report is read: no copying key, value and headers back per record.
            DeliveryReportFields = "none",
        };
        Apply(config, configuration.GetSection("Kafka:Producer"));
        return config;
    }

    public static ConsumerConfig Consumer(IConfiguration configuration, string groupId, string connectionName = DefaultConnectionName)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers(configuration, connectionName),
            GroupId = groupId,
            // Offsets are ours: read models store checkpoints with their data.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = 10_000,
            // An idle partition answers a fetch after this long at most: the bound on how stale a
            // read model is when traffic is light (below librdkafka's default).
            FetchWaitMaxMs = 100,
            StatisticsIntervalMs = 1000,
            // librdkafka's default prefetch is sized for one consumer per process; a process here runs several. These
            // keep a few batches ahead and bound the process's memory (the measured sizes are in BENCHMARKS.md).
            QueuedMaxMessagesKbytes = 2 * 1024,
            MaxPartitionFetchBytes = 256 * 1024,
        };
        Apply(config, configuration.GetSection("Kafka:Consumer"));
        Apply(config, configuration.GetSection($"Kafka:Consumer:Groups:{groupId}"));
        return config;
    }

    public static AdminClientConfig Admin(IConfiguration configuration, string connectionName = DefaultConnectionName) =>
        new() { BootstrapServers = BootstrapServers(configuration, connectionName) };

    private static void Apply(ClientConfig config, IConfigurationSection section)
    {
        foreach (var setting in section.GetChildren())
        {
            if (setting.Value is not null)
            {
                config.Set(setting.Key, setting.Value);
            }
        }
    }
}
