using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Projections.Worker.Archive;

/// <summary>
/// Appends a batch to the archive and returns only when it is on disk, so the subscription moves on only past durable
/// records. Partitions are written side by side; within one, records go in offset order as runs of the same target
/// file, each run fsynced before the next, so what is archived of a partition is always a prefix of its log
/// (<see cref="ArchiveCheckpoints"/> relies on it). A record already in its file (a replay) is skipped.
/// </summary>
public sealed class ArchiveWriter(ArchiveLayout layout, ArchiveTelemetry telemetry, ILogger<ArchiveWriter> logger) : IBatchHandler
{
    public Task HandleAsync(string subscription, ConsumedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var partitions = batch.Events.GroupBy(e => e.Position.TopicPartition).ToList();
        return Parallel.ForEachAsync(partitions, cancellationToken, (partition, ct) =>
        {
            WritePartition(partition.OrderBy(e => e.Position.Offset.Value).ToList(), ct);
            return ValueTask.CompletedTask;
        });
    }

    private void WritePartition(List<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var (path, run) in RunsByFile(events))
        {
            // Between runs only: a stop never leaves a later run written without an earlier one.
            cancellationToken.ThrowIfCancellationRequested();
            using var file = ArchiveFile.Open(path, logger);
            var fresh = run.Where(e => e.Position.Offset.Value > (file.LastOffset ?? -1)).ToList();
            if (fresh.Count < run.Count)
            {
                logger.LogDebug("Skipped {Count} records already in {File} (a replay)", run.Count - fresh.Count, path);
            }

            if (fresh.Count > 0)
            {
                var bytes = file.Append(fresh.Select(ArchiveLine.Format).ToList());
                telemetry.RecordAppended(fresh[0].Position.Topic, fresh.Count, bytes);
            }
        }
    }

    /// <summary>Consecutive records bound for the same file, in order; a partition's time may go back and forth.</summary>
    private IEnumerable<(string Path, List<ConsumedEvent> Run)> RunsByFile(List<ConsumedEvent> events)
    {
        string? path = null;
        var run = new List<ConsumedEvent>();
        foreach (var consumed in events)
        {
            var target = layout.FileOf(consumed.Position.TopicPartition, consumed.Envelope.Time);
            if (target != path && run.Count > 0)
            {
                yield return (path!, run);
                run = [];
            }

            path = target;
            run.Add(consumed);
        }

        if (run.Count > 0)
        {
            yield return (path!, run);
        }
    }
}
