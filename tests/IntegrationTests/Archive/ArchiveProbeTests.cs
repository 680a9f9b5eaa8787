using Confluent.Kafka;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Projections.Worker.Archive;

namespace EdaAspire.IntegrationTests.Archive;

/// <summary>
/// The probe against a writer that appends between two of its file reads: an event goes into the file the probe has
/// just read, then the partition's marker into a file it has not read yet, as an archiver writes a partition in order.
/// </summary>
public sealed class ArchiveProbeTests : IDisposable
{
    private static readonly TopicPartition Partition = new("clickstream", 6);

    private readonly string _root = Directory.CreateTempSubdirectory("eda-archive-probe-").FullName;
    private readonly ArchiveLayout _layout;

    public ArchiveProbeTests() => _layout = new ArchiveLayout(_root);

    [Fact]
    public async Task An_event_written_before_its_marker_is_found_whichever_file_is_read_first()
    {
        string[] files = [Touch(ArchiveScenario.Start.AddHours(2)), Touch(ArchiveScenario.Start)];
        var written = false;
        var probe = new ArchiveProbe(_root, justRead =>
        {
            if (written)
            {
                return;
            }

            written = true;
            Append(justRead, "evt-late", offset: 40);
            Append(files.Single(f => f != justRead), $"{ArchiveScenario.MarkerPrefix}1-clickstream-0", offset: 41);
        });

        var lines = await probe.WaitForMarkedAsync([$"{ArchiveScenario.MarkerPrefix}1-clickstream-0"], TimeSpan.FromSeconds(5));

        Assert.Contains(lines, l => l.Id == "evt-late");
    }

    private string Touch(DateTimeOffset hour)
    {
        var path = _layout.FileOf(Partition, hour);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        return path;
    }

    /// <summary>A line as the archiver formats it, in the hour its file is for.</summary>
    private static void Append(string file, string id, long offset)
    {
        var hour = Directory.GetParent(file)!;
        var time = DateTimeOffset.ParseExact($"{hour.Parent!.Name} {hour.Name}", "yyyy-MM-dd HH", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        var envelope = new EventEnvelope(id, "test.happened.v1", "urn:test", time, "{}"u8.ToArray());
        using var stream = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(ArchiveLine.Format(new ConsumedEvent(new TopicPartitionOffset(Partition, offset), "key", envelope)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
