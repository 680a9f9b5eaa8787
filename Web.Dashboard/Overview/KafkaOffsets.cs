using Confluent.Kafka;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Options;

namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>
/// Reads where the log ends (high watermarks) and where each watched group stands (its committed offsets: every
/// KafkaSubscription commits after each batch, for exactly this). One idle consumer per group asks for its
/// commits; none of them ever joins its group, so the workers' assignments are untouched.
/// </summary>
public sealed class KafkaOffsets(IConfiguration configuration, IOptions<OverviewOptions> options) : IDisposable
{
    private readonly Dictionary<string, IConsumer<Ignore, Ignore>> _consumers = [];
    private readonly Lock _gate = new();
    private IAdminClient? _admin;

    /// <summary>Partitions per topic, from the all-topics metadata (asking for a topic by name would auto-create it).</summary>
    public IReadOnlyDictionary<string, int> Partitions()
    {
        _admin ??= new AdminClientBuilder(KafkaClientConfig.Admin(configuration)).Build();
        var metadata = _admin.GetMetadata(options.Value.CallTimeout);
        return metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError)
            .ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
    }

    /// <summary>Every watched group's lag per partition of the topics it reads (blocking Kafka calls: run off the UI).</summary>
    public IReadOnlyList<PartitionLag> Lag(IReadOnlyDictionary<string, int> partitions)
    {
        var timeout = options.Value.CallTimeout;
        var ends = new Dictionary<TopicPartition, WatermarkOffsets>();
        WatermarkOffsets End(TopicPartition tp)
        {
            if (!ends.TryGetValue(tp, out var end))
            {
                ends[tp] = end = ConsumerOf("dashboard-offsets").QueryWatermarkOffsets(tp, timeout);
            }

            return end;
        }

        var lag = new List<PartitionLag>();
        foreach (var group in options.Value.Groups)
        {
            var owned = group.Topics
                .SelectMany(topic => Enumerable.Range(0, partitions.GetValueOrDefault(topic)).Select(p => new TopicPartition(topic, p)))
                .ToList();
            if (owned.Count == 0)
            {
                continue;
            }

            var committed = ConsumerOf(group.Name).Committed(owned, timeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
            foreach (var tp in owned)
            {
                var end = End(tp);
                var offset = committed.GetValueOrDefault(tp, Offset.Unset);
                lag.Add(new PartitionLag(group.Name, tp.Topic, tp.Partition.Value,
                    offset.IsSpecial ? null : offset.Value, end.Low.Value, end.High.Value));
            }
        }

        return lag;
    }

    /// <summary>The end of each partition of <paramref name="topic"/> (its high watermark).</summary>
    public IReadOnlyDictionary<int, long> Ends(string topic, int partitionCount) =>
        Enumerable.Range(0, partitionCount).ToDictionary(
            p => p,
            p => ConsumerOf("dashboard-offsets").QueryWatermarkOffsets(new TopicPartition(topic, p), options.Value.CallTimeout).High.Value);

    private IConsumer<Ignore, Ignore> ConsumerOf(string group)
    {
        lock (_gate)
        {
            if (!_consumers.TryGetValue(group, out var consumer))
            {
                var config = KafkaClientConfig.Consumer(configuration, group);
                _consumers[group] = consumer = new ConsumerBuilder<Ignore, Ignore>(config).Build();
            }

            return consumer;
        }
    }

    public void Dispose()
    {
        foreach (var consumer in _consumers.Values)
        {
            // Close would leave a group it never joined; Dispose only frees the client.
            consumer.Dispose();
        }

        _admin?.Dispose();
    }
}
