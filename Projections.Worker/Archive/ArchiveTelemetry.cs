using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.SemanticConventions;

namespace EdaAspire.Projections.Worker.Archive;

/// <summary>What the archive sink writes; ServiceDefaults subscribes to every "EdaAspire.*" meter (from the host's <see cref="IMeterFactory"/>).</summary>
public sealed class ArchiveTelemetry(IMeterFactory meters)
{
    public const string Name = "EdaAspire.Archive";

    private readonly Counter<long> _recordsArchived = MeterOf(meters).CreateCounter<long>(
        "eda.archive.records", "{record}", "Records appended to the archive (a replayed record already there is not counted again), by topic.");

    private readonly Counter<long> _bytesWritten = MeterOf(meters).CreateCounter<long>(
        "eda.archive.written", "By", "Bytes appended to the archive's files, by topic.");

    public void RecordAppended(string topic, int records, long bytes)
    {
        var tags = new TagList { { MessagingAttributes.DestinationName, topic } };
        _recordsArchived.Add(records, tags);
        _bytesWritten.Add(bytes, tags);
    }

    // The factory hands out one meter per name, so both instruments share it.
    private static Meter MeterOf(IMeterFactory meters) => (meters ?? throw new ArgumentNullException(nameof(meters))).Create(Name);
}
