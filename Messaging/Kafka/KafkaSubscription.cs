using System.Diagnostics;
using Confluent.Kafka;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// A consumer-group member that hands batches to <typeparamref name="THandler"/> and owns its offsets:
/// on assignment it seeks to the checkpoints the handler stored with its data, and it never lets Kafka
/// commit on its own. Kafka's committed offsets are still written after each batch, for lag tooling.
/// </summary>
public sealed class KafkaSubscription<THandler, TCheckpoints>(
    KafkaSubscriptionOptions options,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    SubscriptionRewinds rewinds,
    DeadLetterTopic deadLetters,
    TimeProvider time,
    ILogger<KafkaSubscription<THandler, TCheckpoints>> logger) : BackgroundService
    where THandler : IBatchHandler
    where TCheckpoints : ICheckpointStore
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);

    private readonly List<ConsumeResult<string?, byte[]>> _buffer = [];
    private readonly Dictionary<TopicPartition, long> _lastCollected = [];
    private readonly Dictionary<TopicPartition, long?> _checkpoints = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Consume blocks, so the loop gets a thread of its own.
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var config = KafkaClientConfig.Consumer(configuration, options.GroupId, options.ConnectionName);
        using var consumer = new ConsumerBuilder<string?, byte[]>(config)
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(logger, message))
            .SetErrorHandler((_, error) => LibrdkafkaLog.Write(logger, error))
            .SetStatisticsHandler((_, json) => ConsumerLag.Report(options.GroupId, json))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions, stoppingToken))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions.Select(p => p.TopicPartition)))
            .Build();

        consumer.Subscribe(options.Topics);
        logger.LogInformation("Subscription {Subscription} (group {Group}) reading {Topics}", options.Name, options.GroupId, options.Topics);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (rewinds.TryTake(options.Name))
                {
                    logger.LogInformation("Subscription {Subscription} rewinds to its stored checkpoints", options.Name);
                    await SeekToCheckpointsAsync(consumer, consumer.Assignment, stoppingToken);
                }

                if (Collect(consumer, stoppingToken) && !stoppingToken.IsCancellationRequested)
                {
                    await HandleAsync(consumer, ToBatch(), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            ConsumerLag.Forget(consumer.Name);
            consumer.Close();
        }
    }

    /// <summary>Fills the buffer: up to MaxBatchSize records, waiting at most MaxBatchWait after the first.</summary>
    private bool Collect(IConsumer<string?, byte[]> consumer, CancellationToken stoppingToken)
    {
        _buffer.Clear();
        _lastCollected.Clear();
        var deadline = 0L;
        var skipped = 0;
        while (_buffer.Count < options.MaxBatchSize && !stoppingToken.IsCancellationRequested)
        {
            var wait = _buffer.Count == 0 ? IdlePoll : time.GetElapsedTime(deadline) * -1;
            if (wait <= TimeSpan.Zero)
            {
                break;
            }

            var result = consumer.Consume(wait);
            if (result is null)
            {
                if (_buffer.Count == 0)
                {
                    return false;
                }

                continue;
            }

            if (result.IsPartitionEOF)
            {
                continue;
            }

            if (IsBehindCheckpoint(result))
            {
                skipped++;
                continue;
            }

            ReportGap(result);

            if (_buffer.Count == 0)
            {
                deadline = time.GetTimestamp() + (long)(options.MaxBatchWait.TotalSeconds * time.TimestampFrequency);
            }

            _buffer.Add(result);
        }

        if (skipped > 0)
        {
            logger.LogWarning("Subscription {Subscription} skipped {Count} records it had applied already: the consumer's position moved back behind its checkpoint",
                options.Name, skipped);
        }

        return _buffer.Count > 0;
    }

    /// <summary>
    /// A record before its partition's checkpoint has been applied already: librdkafka moved the position back (it resets
    /// it after some fetch errors, e.g. through a broker outage). The checkpoint's compare-and-set cannot catch this, since
    /// the stored checkpoint is still the one this worker expects, so such records are dropped here.
    /// </summary>
    private bool IsBehindCheckpoint(ConsumeResult<string?, byte[]> record) =>
        _checkpoints.GetValueOrDefault(record.TopicPartition) is { } next && record.Offset.Value < next;

    /// <summary>
    /// Offsets missing between the checkpoint (or the previous record) and this record: compaction or transaction
    /// markers, or records that retention deleted before this subscription read them (the mock cluster keeps 5 MiB per
    /// partition). The checkpoint moves on either way; this makes a loss visible.
    /// </summary>
    private void ReportGap(ConsumeResult<string?, byte[]> record)
    {
        var expected = _lastCollected.TryGetValue(record.TopicPartition, out var previous)
            ? previous + 1
            : _checkpoints.GetValueOrDefault(record.TopicPartition);
        _lastCollected[record.TopicPartition] = record.Offset.Value;
        if (expected is { } next && record.Offset.Value > next)
        {
            var missing = record.Offset.Value - next;
            logger.LogWarning("Subscription {Subscription}: {Missing} offsets of {Partition} before {Offset} were never delivered (retention, compaction or transaction markers)",
                options.Name, missing, record.TopicPartition, record.Offset.Value);
            MessagingTelemetry.SkippedMessages.Add(missing, MessagingTelemetry.Tags("process", record.Topic, options.GroupId, "offset_gap"));
        }
    }

    private ConsumedBatch ToBatch()
    {
        var events = new List<ConsumedEvent>(_buffer.Count);
        foreach (var record in _buffer)
        {
            if (KafkaEnvelopeHeaders.TryRead(record.Message.Headers, record.Message.Value, out var envelope, out var problem))
            {
                events.Add(new ConsumedEvent(record.TopicPartitionOffset, record.Message.Key, envelope));
            }
            else
            {
                logger.LogWarning("Skipping record {Position}: {Problem}", record.TopicPartitionOffset, problem);
                MessagingTelemetry.SkippedMessages.Add(1, MessagingTelemetry.Tags("process", record.Topic, options.GroupId, "not_an_envelope"));
            }
        }

        var ranges = _buffer
            .GroupBy(r => r.TopicPartition)
            .Select(g => new PartitionRange(g.Key, _checkpoints.GetValueOrDefault(g.Key), g.Max(r => r.Offset.Value) + 1))
            .ToList();
        return new ConsumedBatch(events, ranges);
    }

    private async Task HandleAsync(IConsumer<string?, byte[]> consumer, ConsumedBatch batch, CancellationToken stoppingToken)
    {
        if (await TryHandleAsync(consumer, batch, options.MaxAttempts, stoppingToken) is not Outcome.GaveUp)
        {
            return;
        }

        // The batch keeps failing: handle its records one at a time, so the one at fault can be found and parked.
        foreach (var consumed in batch.Events.OrderBy(e => e.Position.Partition.Value).ThenBy(e => e.Position.Offset.Value).ToList())
        {
            if (await HandleAloneAsync(consumer, batch, consumed, stoppingToken) is Outcome.Conflict)
            {
                return;
            }
        }

        // Whatever the batch skipped (records that are not envelopes) after its last event.
        var rest = new ConsumedBatch([], [.. batch.Ranges.Select(r => r with { From = _checkpoints.GetValueOrDefault(r.Partition) })
            .Where(r => r.From is null || r.From < r.NextOffset)]);
        if (rest.Ranges.Count > 0)
        {
            await TryHandleAsync(consumer, rest, int.MaxValue, stoppingToken);
        }
    }

    /// <summary>
    /// One record as a batch of its own, from the partition's checkpoint up to it. If it still fails, and for a reason of
    /// its own (not an outage), it is parked in the dead-letter topic and the checkpoint moves past it.
    /// </summary>
    private async Task<Outcome> HandleAloneAsync(IConsumer<string?, byte[]> consumer, ConsumedBatch batch, ConsumedEvent consumed, CancellationToken stoppingToken)
    {
        var partition = consumed.Position.TopicPartition;
        var single = new ConsumedBatch([consumed], [new PartitionRange(partition, _checkpoints.GetValueOrDefault(partition), consumed.Position.Offset.Value + 1)]);
        while (true)
        {
            var outcome = await TryHandleAsync(consumer, single, options.MaxAttempts, stoppingToken);
            if (outcome is not Outcome.GaveUp { Error: var error })
            {
                return outcome;
            }

            if (FailureKind.IsTransient(error))
            {
                continue; // the world's fault, not the record's: keep trying, with backoff
            }

            logger.LogError(error, "Subscription {Subscription} parks {Position} (event {EventId}) in {Topic} after {Attempts} attempts",
                options.Name, consumed.Position, consumed.Envelope.Id, DeadLetterTopic.For(partition.Topic), options.MaxAttempts);
            await deadLetters.ParkAsync(consumed, options.GroupId, error, stoppingToken);
            MessagingTelemetry.DeadLetteredMessages.Add(1, MessagingTelemetry.Tags("process", partition.Topic, options.GroupId, error.GetType().Name));
            // The checkpoint alone moves past it, retried until it is stored (the copy is safe in the dead-letter topic).
            return await TryHandleAsync(consumer, single with { Events = [] }, int.MaxValue, stoppingToken);
        }
    }

    private abstract record Outcome
    {
        public sealed record Handled : Outcome;

        public sealed record Conflict : Outcome;

        public sealed record GaveUp(Exception Error) : Outcome;
    }

    private async Task<Outcome> TryHandleAsync(IConsumer<string?, byte[]> consumer, ConsumedBatch batch, int maxAttempts, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            using var spans = BatchProcessSpans.Start(batch, options.GroupId);
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(options.Name, batch, stoppingToken);
                }

                Record(batch, started, errorType: null);
                foreach (var range in batch.Ranges)
                {
                    _checkpoints[range.Partition] = range.NextOffset;
                }

                CommitToKafka(consumer, batch.Ranges);
                return new Outcome.Handled();
            }
            catch (CheckpointConflictException ex)
            {
                spans.Fail(ex.Message);
                logger.LogWarning("Subscription {Subscription}: {Conflict} Re-reading from the stored checkpoints.", options.Name, ex.Message);
                await SeekToCheckpointsAsync(consumer, batch.Ranges.Select(r => r.Partition).ToList(), stoppingToken);
                return new Outcome.Conflict();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                spans.Fail(ex.Message);
                Record(batch, started, ex.GetType().Name);
                if (attempt >= maxAttempts)
                {
                    return new Outcome.GaveUp(ex);
                }

                var delay = Backoff(attempt);
                logger.LogError(ex, "Subscription {Subscription} failed to handle a batch of {Count} (attempt {Attempt}); retrying in {Delay}",
                    options.Name, batch.Events.Count, attempt, delay);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions, CancellationToken stoppingToken)
    {
        // Runs inside Consume on the loop's own thread, so waiting here blocks nothing else.
        var stored = LoadCheckpointsAsync(partitions, stoppingToken).GetAwaiter().GetResult();
        foreach (var partition in partitions)
        {
            _checkpoints[partition] = stored.TryGetValue(partition, out var next) ? next : null;
        }

        logger.LogInformation("Subscription {Subscription} assigned {Partitions}", options.Name,
            string.Join(", ", partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]@{_checkpoints[p]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "start"}")));
        return partitions.Select(p => new TopicPartitionOffset(p, StartOf(p)));
    }

    private Offset StartOf(TopicPartition partition) => _checkpoints[partition] is { } next
        ? new Offset(next)
        : options.WithoutCheckpoint == StartPosition.Committed ? Offset.Stored : Offset.Beginning;

    private void OnRevoked(IEnumerable<TopicPartition> partitions)
    {
        // Records of a partition we no longer own are the new owner's to handle, from the checkpoint.
        var revoked = partitions.ToHashSet();
        _buffer.RemoveAll(r => revoked.Contains(r.TopicPartition));
        foreach (var partition in revoked)
        {
            _checkpoints.Remove(partition);
        }
    }

    private async Task SeekToCheckpointsAsync(IConsumer<string?, byte[]> consumer, List<TopicPartition> partitions, CancellationToken stoppingToken)
    {
        var stored = await LoadCheckpointsAsync(partitions, stoppingToken);
        var assigned = consumer.Assignment.ToHashSet();
        foreach (var partition in partitions.Where(assigned.Contains))
        {
            _checkpoints[partition] = stored.TryGetValue(partition, out var next) ? next : null;
            consumer.Seek(new TopicPartitionOffset(partition, StartOf(partition)));
        }
    }

    private async Task<IReadOnlyDictionary<TopicPartition, long>> LoadCheckpointsAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<TCheckpoints>().LoadAsync(options.Name, partitions, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = Backoff(attempt);
                logger.LogError(ex, "Subscription {Subscription} could not load its checkpoints; retrying in {Delay}", options.Name, delay);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    private void CommitToKafka(IConsumer<string?, byte[]> consumer, IReadOnlyList<PartitionRange> ranges)
    {
        try
        {
            consumer.Commit(ranges.Select(r => new TopicPartitionOffset(r.Partition, r.NextOffset)));
        }
        catch (KafkaException ex)
        {
            // Only monitoring reads these; the checkpoints that count are already stored.
            logger.LogDebug(ex, "Subscription {Subscription} could not commit offsets to Kafka", options.Name);
        }
    }

    private void Record(ConsumedBatch batch, long started, string? errorType)
    {
        var tags = MessagingTelemetry.Tags("process", batch.Ranges[0].Partition.Topic, options.GroupId, errorType);
        MessagingTelemetry.ProcessDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        (errorType is null ? MessagingTelemetry.ConsumedMessages : MessagingTelemetry.FailedMessages).Add(batch.Events.Count, tags);
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(options.MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(attempt, 16))));
}
