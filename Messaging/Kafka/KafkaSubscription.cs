using System.Globalization;
using Confluent.Kafka;
using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// A consumer-group member that hands batches to its handler and owns its offsets: on assignment it seeks to the
/// checkpoints the handler stored with its data, and it never lets Kafka commit on its own. Kafka's committed offsets are
/// still written after each batch, for lag tooling. Its parts: <see cref="BatchCollector"/> (consume and batch),
/// <see cref="CheckpointGuard"/>, <see cref="BatchDelivery"/> (retry, poison isolation and parking).
/// </summary>
public sealed class KafkaSubscription : BackgroundService
{
    private readonly KafkaSubscriptionOptions _options;
    private readonly IServiceScopeFactory _scopes;
    private readonly Func<IServiceProvider, ICheckpointStore> _checkpoints;
    private readonly IConfiguration _configuration;
    private readonly SubscriptionRewinds _rewinds;
    private readonly ConsumerLag _lag;
    private readonly ILogger<KafkaSubscription> _logger;
    private readonly CheckpointGuard _guard = new();
    private readonly BatchCollector _collector;
    private readonly BatchDelivery _delivery;
    private readonly ResiliencePipeline _loadRetry;

    public KafkaSubscription(
        KafkaSubscriptionOptions options,
        Func<IServiceProvider, IBatchHandler> handler,
        Func<IServiceProvider, ICheckpointStore> checkpoints,
        IServiceScopeFactory scopes,
        IConfiguration configuration,
        SubscriptionRewinds rewinds,
        DeadLetterTopic deadLetters,
        MessagingTelemetry telemetry,
        ConsumerLag lag,
        TimeProvider time,
        ILogger<KafkaSubscription> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_options, _scopes, _checkpoints, _configuration, _rewinds, _lag, _logger) = (options, scopes, checkpoints, configuration, rewinds, lag, logger);
        _collector = new BatchCollector(options, _guard, telemetry, time, logger);
        _delivery = new BatchDelivery(options, scopes, handler, _guard, deadLetters, telemetry, time, logger);
        _loadRetry = SubscriptionRetry.Create(int.MaxValue, options.MaxRetryDelay, time, _ => true, (error, _, delay) =>
            logger.LogError(error, "Subscription {Subscription} could not load its checkpoints; retrying in {Delay}", options.Name, delay));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Consume blocks, so the loop gets a thread of its own.
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var config = KafkaClientConfig.Consumer(_configuration, _options.GroupId, _options.ConnectionName);
        using var consumer = new ConsumerBuilder<string?, byte[]>(config)
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(_logger, message))
            .SetErrorHandler((_, error) => LibrdkafkaLog.Write(_logger, error))
            .SetStatisticsHandler((_, json) => _lag.Report(_options.GroupId, json))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions, stoppingToken))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .Build();

        consumer.Subscribe(_options.Topics);
        _logger.LogInformation("Subscription {Subscription} (group {Group}) reading {Topics}", _options.Name, _options.GroupId, _options.Topics);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_rewinds.TryTake(_options.Name))
                {
                    _logger.LogInformation("Subscription {Subscription} rewinds to its stored checkpoints", _options.Name);
                    await SeekToCheckpointsAsync(consumer, consumer.Assignment, stoppingToken);
                }

                if (_collector.Collect(consumer, stoppingToken) && !stoppingToken.IsCancellationRequested)
                {
                    var batch = _collector.ToBatch();
                    if (await _delivery.DeliverAsync(batch, ranges => CommitToKafka(consumer, ranges), stoppingToken))
                    {
                        await SeekToCheckpointsAsync(consumer, batch.Ranges.Select(r => (TopicPartition)r.Partition).ToList(), stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _lag.Forget(consumer.Name);
            consumer.Close();
        }
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions, CancellationToken stoppingToken)
    {
        // Runs inside Consume on the loop's own thread, so waiting here blocks nothing else.
        var stored = LoadCheckpointsAsync(partitions, stoppingToken).GetAwaiter().GetResult();
        foreach (var partition in partitions)
        {
            _guard.Assign(partition, stored.TryGetValue((LogPartition)partition, out var next) ? next : null);
        }

        _logger.LogInformation("Subscription {Subscription} assigned {Partitions}", _options.Name,
            string.Join(", ", partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]@{_guard.CheckpointOf(p)?.ToString(CultureInfo.InvariantCulture) ?? "start"}")));
        return partitions.Select(p => new TopicPartitionOffset(p, StartOf(p)));
    }

    private Offset StartOf(TopicPartition partition) => _guard.CheckpointOf(partition) is { } next
        ? new Offset(next)
        : _options.WithoutCheckpoint == StartPosition.Committed ? Offset.Stored : Offset.Beginning;

    private void OnRevoked(IEnumerable<TopicPartition> partitions)
    {
        var revoked = partitions.ToHashSet();
        _collector.Drop(revoked);
        foreach (var partition in revoked)
        {
            _guard.Revoke(partition);
        }
    }

    private async Task SeekToCheckpointsAsync(IConsumer<string?, byte[]> consumer, List<TopicPartition> partitions, CancellationToken stoppingToken)
    {
        var stored = await LoadCheckpointsAsync(partitions, stoppingToken);
        var assigned = consumer.Assignment.ToHashSet();
        foreach (var partition in partitions.Where(assigned.Contains))
        {
            _guard.Assign(partition, stored.TryGetValue((LogPartition)partition, out var next) ? next : null);
            consumer.Seek(new TopicPartitionOffset(partition, StartOf(partition)));
        }
    }

    private async Task<IReadOnlyDictionary<LogPartition, long>> LoadCheckpointsAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken stoppingToken) =>
        await _loadRetry.ExecuteAsync(async ct =>
        {
            await using var scope = _scopes.CreateAsyncScope();
            return await _checkpoints(scope.ServiceProvider).LoadAsync(_options.Name, [.. partitions.Select(p => (LogPartition)p)], ct);
        }, stoppingToken);

    private void CommitToKafka(IConsumer<string?, byte[]> consumer, IReadOnlyList<PartitionRange> ranges)
    {
        try
        {
            consumer.Commit(ranges.Select(r => new TopicPartitionOffset(r.Partition, r.NextOffset)));
        }
        catch (KafkaException ex)
        {
            // Only monitoring reads these; the checkpoints that count are already stored.
            _logger.LogDebug(ex, "Subscription {Subscription} could not commit offsets to Kafka", _options.Name);
        }
    }
}
