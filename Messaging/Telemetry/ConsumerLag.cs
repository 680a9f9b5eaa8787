using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using EdaAspire.SemanticConventions;

namespace EdaAspire.Messaging.Telemetry;

/// <summary>
/// Consumer lag per group and partition, from librdkafka's statistics (<c>consumer_lag</c>: the high watermark minus
/// the consumer's position, or its committed offset before it fetched). Each consumer reports every
/// <c>statistics.interval.ms</c>; the gauge reads the latest report, so a collection never waits on a broker. One per
/// host (a singleton), its gauge on the meter of the host's <see cref="IMeterFactory"/>.
/// </summary>
public sealed class ConsumerLag
{
    public const string InstrumentName = "messaging.kafka.consumer.lag";

    // Latest lag per consumer instance (librdkafka's client name), replaced whole so revoked partitions drop out.
    private readonly ConcurrentDictionary<string, IReadOnlyList<PartitionLag>> _byConsumer = new(StringComparer.Ordinal);

    public ConsumerLag(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meters.Create(MessagingTelemetry.Name).CreateObservableGauge(
            InstrumentName, Observe, "{message}", "Messages in a partition the consumer group has not yet read (high watermark minus position).");
    }

    /// <summary>Takes one statistics report of a consumer (the JSON of librdkafka's statistics callback).</summary>
    public void Report(string consumerGroup, string statisticsJson)
    {
        if (Parse(consumerGroup, statisticsJson) is { } report)
        {
            _byConsumer[report.Consumer] = report.Partitions;
        }
    }

    /// <summary>
    /// The lag of <paramref name="consumerGroup"/> on <paramref name="topic"/> over the partitions this host's consumers
    /// last reported (what the gauge shows, summed); null while none reported a partition of it.
    /// </summary>
    public long? Of(string consumerGroup, string topic)
    {
        var partitions = _byConsumer.Values.SelectMany(p => p).Where(p => p.ConsumerGroup == consumerGroup && p.Topic == topic).ToList();
        return partitions.Count == 0 ? null : partitions.Sum(p => p.Lag);
    }

    /// <summary>Drops a closed consumer's partitions from the gauge.</summary>
    public void Forget(string consumerName) => _byConsumer.TryRemove(consumerName, out _);

    /// <returns>The consumer's name and the lag of each partition it fetches; null when the JSON is no consumer's report.</returns>
    internal static (string Consumer, IReadOnlyList<PartitionLag> Partitions)? Parse(string consumerGroup, string statisticsJson)
    {
        using var document = JsonDocument.Parse(statisticsJson);
        var root = document.RootElement;
        if (!root.TryGetProperty("name", out var name) || !root.TryGetProperty("topics", out var topics))
        {
            return null;
        }

        var partitions = new List<PartitionLag>();
        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var topicPartitions))
            {
                continue;
            }

            foreach (var partition in topicPartitions.EnumerateObject())
            {
                // Partition -1 is librdkafka's internal one; a lag of -1 means unknown (not assigned, nothing fetched yet).
                var id = int.Parse(partition.Name, CultureInfo.InvariantCulture);
                if (id >= 0 && partition.Value.TryGetProperty("consumer_lag", out var lag) && lag.GetInt64() >= 0)
                {
                    partitions.Add(new PartitionLag(consumerGroup, topic.Name, id, lag.GetInt64()));
                }
            }
        }

        return (name.GetString() ?? "", partitions);
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        foreach (var partitions in _byConsumer.Values)
        {
            foreach (var p in partitions)
            {
                yield return new Measurement<long>(p.Lag,
                    new(MessagingAttributes.System, "kafka"),
                    new(MessagingAttributes.ConsumerGroupName, p.ConsumerGroup),
                    new(MessagingAttributes.DestinationName, p.Topic),
                    new(MessagingAttributes.PartitionId, p.Partition.ToString(CultureInfo.InvariantCulture)));
            }
        }
    }
}

/// <summary>One partition's lag as a consumer last reported it.</summary>
public sealed record PartitionLag(string ConsumerGroup, string Topic, int Partition, long Lag);
