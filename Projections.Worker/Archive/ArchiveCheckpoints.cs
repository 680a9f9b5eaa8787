using Confluent.Kafka;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Projections.Worker.Archive;

/// <summary>
/// The archive is its own checkpoint: a partition resumes after the highest offset found in its newest files.
/// That is a lower bound of what was written, never above it: records of a partition are appended in offset order,
/// each run made durable before the next, so everything up to any file's last line is archived. Resuming low only
/// replays records, and <see cref="ArchiveWriter"/> skips those its target file already holds.
/// </summary>
public sealed class ArchiveCheckpoints(ArchiveLayout layout, ILogger<ArchiveCheckpoints> logger) : ICheckpointStore
{
    /// <summary>
    /// The newest hour, and the one before: around an hour's turn, a record a little late (another producer's
    /// clock) lands in the previous hour with a higher offset. Older files would only shorten a replay further.
    /// </summary>
    private const int NewestFiles = 2;

    public Task<IReadOnlyDictionary<LogPartition, long>> LoadAsync(string subscription, IReadOnlyCollection<LogPartition> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var next = new Dictionary<LogPartition, long>();
        foreach (var partition in partitions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (HighestArchivedOffset(partition) is { } highest)
            {
                next[partition] = highest + 1;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<LogPartition, long>>(next);
    }

    private long? HighestArchivedOffset(TopicPartition partition)
    {
        long? highest = null;
        foreach (var path in layout.NewestFilesOf(partition, NewestFiles))
        {
            // Opening repairs a partial last line, so the replay rewrites that record in full.
            using var file = ArchiveFile.Open(path, logger);
            if (file.LastOffset > (highest ?? -1))
            {
                highest = file.LastOffset;
            }
        }

        return highest;
    }
}
