using System.Diagnostics;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.EmbeddedKafka;
using EdaAspire.LoadTest.Measurement;
using EdaAspire.LoadTest.Reporting;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Configuration;

namespace EdaAspire.LoadTest.Baselines;

/// <summary>
/// The raw limits of Kafka on this machine: Confluent's producer and consumer with exactly the configs the services
/// build (<see cref="KafkaClientConfig"/>: idempotent, acks=all, linger 5 ms; the projections' fetch settings) against
/// an embedded mock cluster with the same topics and partitions, in this process, with nothing else running.
/// </summary>
public static class RawKafka
{
    public const string Name = "raw kafka";

    public static ScenarioResult Run(int count, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = MachineLoad.Now();
        var messages = BaselineMessages.Build(count);
        using var cluster = KafkaMockCluster.Start();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = cluster.BootstrapServers })
            .Build();

        var produced = Produce(KafkaClientConfig.Producer(configuration), messages, cancellationToken);
        var consumed = Consume(KafkaClientConfig.Consumer(configuration, "raw-baseline"), count, cancellationToken);
        var metrics = new MetricList
        {
            { "messages", count, "count" },
            { "average record size", BaselineMessages.AverageSize(messages), "bytes" },
            { "producer msg/s", count / produced.TotalSeconds, "msg/s" },
            { "consumed", consumed.Count, "count" },
            { "consumer msg/s", consumed.Count / consumed.Elapsed.TotalSeconds, "msg/s" },
        };
        return new ScenarioResult(Name, startedAt, loadBefore, MachineLoad.Now(), metrics, [], [$"Mock cluster: {cluster.BrokerCount} brokers, topic '{Topics.Clickstream}' as the system creates it."]);
    }

    private static TimeSpan Produce(ProducerConfig config, List<Message<string, byte[]>> messages, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        long delivered = 0, failed = 0;
        void Report(DeliveryReport<string, byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
            else
            {
                Interlocked.Increment(ref delivered);
            }
        }

        var clock = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            while (true)
            {
                try
                {
                    producer.Produce(Topics.Clickstream, message, Report);
                    break;
                }
                catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // The local queue is full: let deliveries drain it, as a real producer loop would.
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }
        }

        producer.Flush(cancellationToken);
        var elapsed = clock.Elapsed;
        return failed == 0
            ? elapsed
            : throw new InvalidOperationException($"The raw producer failed {failed} of {messages.Count} deliveries.");
    }

    /// <returns>How many records were read and how long from the first to the last.</returns>
    private static (int Count, TimeSpan Elapsed) Consume(ConsumerConfig config, int count, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
        consumer.Subscribe(Topics.Clickstream);
        var seen = 0;
        Stopwatch? clock = null;
        var last = TimeSpan.Zero;
        var limit = Stopwatch.StartNew();
        // Stops at the count, or when nothing more comes: a mock partition keeps only its last 5 MiB.
        while (seen < count && limit.Elapsed < TimeSpan.FromMinutes(2) && (clock is null || clock.Elapsed - last < TimeSpan.FromSeconds(3)))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false })
            {
                // Timed from the first record: the group join is not the consumer's throughput.
                clock ??= Stopwatch.StartNew();
                seen++;
                last = clock.Elapsed;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        consumer.Close();
        return seen > 0
            ? (seen, last)
            : throw new InvalidOperationException($"The raw consumer read none of {count} records.");
    }
}
