using System.Globalization;
using Confluent.Kafka;

namespace EdaAspire.Projections.Worker.Archive;

/// <summary>
/// Where a record goes: <c>&lt;root&gt;/&lt;topic&gt;/&lt;yyyy-MM-dd&gt;/&lt;HH&gt;/partition-&lt;p&gt;.jsonl</c>, by the UTC hour of the
/// event's <c>ce_time</c>. The time is part of the record in the log, so a replayed record lands in the same file;
/// the partition in the name means only the partition's owner ever writes a file.
/// </summary>
public sealed class ArchiveLayout(string root)
{
    private const string DayFormat = "yyyy-MM-dd";
    private const string HourFormat = "HH";

    public string Root { get; } = Path.GetFullPath(root);

    public string FileOf(TopicPartition partition, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var utc = time.UtcDateTime;
        return Path.Combine(
            Root,
            partition.Topic,
            utc.ToString(DayFormat, CultureInfo.InvariantCulture),
            utc.ToString(HourFormat, CultureInfo.InvariantCulture),
            FileName(partition.Partition));
    }

    /// <summary>
    /// The partition's files of the latest hours, newest first, at most <paramref name="count"/>. Walks the day and hour
    /// directories from the newest down, so it reads directory names, never a file of older history.
    /// </summary>
    public IReadOnlyList<string> NewestFilesOf(TopicPartition partition, int count)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var found = new List<string>(count);
        var fileName = FileName(partition.Partition);
        foreach (var day in NewestFirst(Path.Combine(Root, partition.Topic), DayFormat))
        {
            foreach (var hour in NewestFirst(day, HourFormat))
            {
                var file = Path.Combine(hour, fileName);
                if (File.Exists(file))
                {
                    found.Add(file);
                    if (found.Count == count)
                    {
                        return found;
                    }
                }
            }
        }

        return found;
    }

    private static string FileName(Partition partition) =>
        string.Create(CultureInfo.InvariantCulture, $"partition-{partition.Value}.jsonl");

    /// <summary>Subdirectories named in <paramref name="format"/>, whose names sort as their times do.</summary>
    private static IEnumerable<string> NewestFirst(string directory, string format) =>
        !Directory.Exists(directory)
            ? []
            : Directory.EnumerateDirectories(directory)
                .Where(d => DateTime.TryParseExact(Path.GetFileName(d), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                .OrderDescending(StringComparer.Ordinal);
}
