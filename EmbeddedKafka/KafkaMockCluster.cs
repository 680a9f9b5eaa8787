using System.Runtime.InteropServices;

namespace EdaAspire.EmbeddedKafka;

/// <summary>
/// An in-memory Kafka cluster: librdkafka's own mock cluster, speaking the Kafka wire protocol over
/// TCP on 127.0.0.1. Any Kafka client connects to <see cref="BootstrapServers"/>. The log lives in
/// memory and ends with this object.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private readonly nint _handle;
    private nint _cluster;

    private KafkaMockCluster(nint handle, nint cluster, string bootstrapServers)
    {
        _handle = handle;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated host:port list of the mock brokers.</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; private init; }

    /// <summary>Starts a cluster and creates the given topics (the mock cluster has no CreateTopics API).</summary>
    public static KafkaMockCluster Start(KafkaMockClusterOptions? options = null)
    {
        options ??= new KafkaMockClusterOptions();
        var handle = LibrdkafkaMock.NewHandle(new Dictionary<string, string>
        {
            // The handle only hosts the cluster; keep it quiet.
            ["log_level"] = "3",
        });

        var cluster = LibrdkafkaMock.rd_kafka_mock_cluster_new(handle, options.Brokers);
        if (cluster == 0)
        {
            LibrdkafkaMock.rd_kafka_destroy(handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
        }

        // Without this every consumer group join waits ~3 s for more members.
        LibrdkafkaMock.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, options.InitialRebalanceDelayMs);

        var bootstrap = Marshal.PtrToStringUTF8(LibrdkafkaMock.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
        var result = new KafkaMockCluster(handle, cluster, bootstrap) { BrokerCount = options.Brokers };

        foreach (var topic in options.Topics)
        {
            result.CreateTopic(topic.Name, topic.Partitions);
        }

        return result;
    }

    public void CreateTopic(string name, int partitions)
    {
        var replication = Math.Min(3, BrokerCount);
        var err = LibrdkafkaMock.rd_kafka_mock_topic_create(_cluster, name, partitions, replication);
        if (err != 0)
        {
            throw new InvalidOperationException($"Creating topic '{name}' failed: {LibrdkafkaMock.ErrorText(err)}");
        }
    }

    /// <summary>Takes every broker down (connections refused) — an outage, for tests.</summary>
    public void SetAllBrokersDown() => ForEachBroker(LibrdkafkaMock.rd_kafka_mock_broker_set_down);

    public void SetAllBrokersUp() => ForEachBroker(LibrdkafkaMock.rd_kafka_mock_broker_set_up);

    /// <summary>The next <paramref name="count"/> fetch requests, from any client, fail with <paramref name="error"/>.</summary>
    public void FailNextFetches(Confluent.Kafka.ErrorCode error, int count)
    {
        const short FetchApiKey = 1;
        LibrdkafkaMock.rd_kafka_mock_push_request_errors_array(_cluster, FetchApiKey, (nuint)count, [.. Enumerable.Repeat((int)error, count)]);
    }

    private void ForEachBroker(Func<nint, int, int> action)
    {
        // Mock broker ids are 1..n.
        for (var id = 1; id <= BrokerCount; id++)
        {
            action(_cluster, id);
        }
    }

    public void Dispose()
    {
        if (_cluster == 0)
        {
            return;
        }

        LibrdkafkaMock.rd_kafka_mock_cluster_destroy(_cluster);
        LibrdkafkaMock.rd_kafka_destroy(_handle);
        _cluster = 0;
    }
}
