using Confluent.Kafka;
using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// The consume side of a subscription: fills a batch of up to <see cref="KafkaSubscriptionOptions.MaxBatchSize"/>
/// records, waiting at most <see cref="KafkaSubscriptionOptions.MaxBatchWait"/> after the first, past the records the
/// <see cref="CheckpointGuard"/> rejects, and reads their envelopes.
/// </summary>
internal sealed class BatchCollector(KafkaSubscriptionOptions options, CheckpointGuard guard, MessagingTelemetry telemetry, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);

    private readonly List<ConsumeResult<string?, byte[]>> _buffer = [];

    /// <summary>Whether records were collected; false after an idle poll.</summary>
    public bool Collect(IConsumer<string?, byte[]> consumer, CancellationToken stoppingToken)
    {
        _buffer.Clear();
        guard.StartBatch();
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

            if (guard.IsBehindCheckpoint(result.TopicPartition, result.Offset.Value))
            {
                skipped++;
                continue;
            }

            ReportGap(result, guard.Collect(result.TopicPartition, result.Offset.Value));
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

    /// <summary>Records of a partition this member no longer owns are the new owner's to handle, from the checkpoint.</summary>
    public void Drop(IReadOnlySet<TopicPartition> revoked) => _buffer.RemoveAll(r => revoked.Contains(r.TopicPartition));

    /// <summary>The collected records as a batch: their envelopes, and ranges that cover the records that are not envelopes too.</summary>
    public ConsumedBatch ToBatch()
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
                telemetry.SkippedMessages.Add(1, MessagingTelemetry.Tags("process", record.Topic, options.GroupId, "not_an_envelope"));
            }
        }

        var ranges = _buffer
            .GroupBy(r => r.TopicPartition)
            .Select(g => new PartitionRange(g.Key, guard.CheckpointOf(g.Key), g.Max(r => r.Offset.Value) + 1))
            .ToList();
        return new ConsumedBatch(events, ranges);
    }

    private void ReportGap(ConsumeResult<string?, byte[]> record, long missing)
    {
        if (missing > 0)
        {
            logger.LogWarning("Subscription {Subscription}: {Missing} offsets of {Partition} before {Offset} were never delivered (retention, compaction or transaction markers)",
                options.Name, missing, record.TopicPartition, record.Offset.Value);
            telemetry.SkippedMessages.Add(missing, MessagingTelemetry.Tags("process", record.Topic, options.GroupId, "offset_gap"));
        }
    }
}
