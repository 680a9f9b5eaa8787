using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.SemanticConventions;

namespace EdaAspire.Projections.Worker.Archive;

/// <summary>What the archive sink writes; ServiceDefaults subscribes to every "EdaAspire.*" meter.</summary>
public static class ArchiveTelemetry
{
    public const string Name = "EdaAspire.Archive";

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> RecordsArchived = Meter.CreateCounter<long>(
        "eda.archive.records", "{record}", "Records appended to the archive (a replayed record already there is not counted again), by topic.");

    public static readonly Counter<long> BytesWritten = Meter.CreateCounter<long>(
        "eda.archive.written", "By", "Bytes appended to the archive's files, by topic.");

    public static void RecordAppended(string topic, int records, long bytes)
    {
        var tags = new TagList { { MessagingAttributes.DestinationName, topic } };
        RecordsArchived.Add(records, tags);
        BytesWritten.Add(bytes, tags);
    }
}
