using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Messaging.Kafka;

/// <summary>Handles each record of a broadcast topic, in log order.</summary>
public interface IBroadcastHandler
{
    Task HandleAsync(ConsumedEvent consumed, CancellationToken cancellationToken);
}

/// <summary>
/// Reads a whole topic from its start and keeps following it, in every process: no consumer group, no commits, every
/// replica sees every record (e.g. topic <c>control</c>, whose latest setting wins). Handlers must be idempotent: a
/// restart reads the topic again from the start. <see cref="BroadcastProgress"/> tells when it read the topic's end as of start.
/// </summary>
public sealed class BroadcastSubscription<THandler>(
    string topic,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    BroadcastProgress progress,
    TimeProvider time,
    ILogger<BroadcastSubscription<THandler>> logger) : BackgroundService
    where THandler : IBroadcastHandler
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        // A group id librdkafka wants, never joined: partitions are assigned by hand.
        var config = KafkaClientConfig.Consumer(configuration, $"broadcast-{topic}-{Environment.MachineName}-{Environment.ProcessId}");
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        using var consumer = new ConsumerBuilder<string?, byte[]>(config)
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(logger, message))
            .SetErrorHandler((_, error) => LibrdkafkaLog.Write(logger, error))
            .Build();
        consumer.Assign(Partitions(consumer, stoppingToken));
        logger.LogInformation("Following topic {Topic} from its start", topic);
        while (!stoppingToken.IsCancellationRequested)
        {
            var result = consumer.Consume(Poll);
            if (result is null || result.IsPartitionEOF)
            {
                ReportPositions(consumer);
                continue;
            }

            progress.Advance(topic, result.Partition.Value, result.Offset.Value + 1);

            if (!KafkaEnvelopeHeaders.TryRead(result.Message.Headers, result.Message.Value, out var envelope, out var problem))
            {
                logger.LogWarning("Skipping record {Position} of {Topic}: {Problem}", result.TopicPartitionOffset, topic, problem);
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<THandler>()
                    .HandleAsync(new ConsumedEvent(result.TopicPartitionOffset, result.Message.Key, envelope), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // One bad command must not stop the ones after it.
                logger.LogError(ex, "Handling {Type} at {Position} failed; going on with the next", envelope.Type, result.TopicPartitionOffset);
            }
        }

        consumer.Close();
    }

    /// <summary>
    /// While idle, the positions themselves: offsets at a partition's end may hold no record the consumer hands over
    /// (removed by compaction, or transaction markers).
    /// </summary>
    private void ReportPositions(IConsumer<string?, byte[]> consumer)
    {
        if (progress.IsCaughtUp(topic))
        {
            return;
        }

        foreach (var partition in consumer.Assignment)
        {
            if (consumer.Position(partition) is { IsSpecial: false } position)
            {
                progress.Advance(topic, partition.Partition.Value, position.Value);
            }
        }
    }

    /// <summary>Every partition of the topic from its start, once the cluster names them, with its watermarks reported to <see cref="BroadcastProgress"/>.</summary>
    private List<TopicPartitionOffset> Partitions(IConsumer<string?, byte[]> consumer, CancellationToken stoppingToken)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // All-topics metadata: asking for the topic by name would auto-create it.
                var metadata = admin.GetMetadata(TimeSpan.FromSeconds(5)).Topics.SingleOrDefault(t => t.Topic == topic);
                if (metadata is { Partitions.Count: > 0 })
                {
                    progress.Start(topic, metadata.Partitions.Select(p =>
                    {
                        var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(5));
                        return (p.PartitionId, watermarks.Low.Value, watermarks.High.Value);
                    }).ToList());
                    return metadata.Partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)).ToList();
                }
            }
            catch (KafkaException ex)
            {
                logger.LogDebug(ex, "Reading the metadata of {Topic} failed", topic);
            }

            stoppingToken.ThrowIfCancellationRequested();
            logger.LogInformation("Topic {Topic} is not there yet (attempt {Attempt}); waiting for it", topic, attempt);
            Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).GetAwaiter().GetResult();
        }
    }
}
