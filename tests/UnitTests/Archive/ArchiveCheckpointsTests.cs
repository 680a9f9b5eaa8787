using System.Text;
using Confluent.Kafka;
using EdaAspire.Projections.Worker.Archive;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.UnitTests.Archive;

public sealed class ArchiveCheckpointsTests : IDisposable
{
    private static readonly TopicPartition Orders0 = new("orders", 0);

    private readonly ArchiveSamples _samples = new();
    private readonly ArchiveCheckpoints _checkpoints;

    public ArchiveCheckpointsTests() => _checkpoints = new ArchiveCheckpoints(_samples.Layout, NullLogger<ArchiveCheckpoints>.Instance);

    /// <summary>Writes lines straight into the files, as an earlier run of the archive left them.</summary>
    private void Archived(string topic, int partition, DateTimeOffset time, params long[] offsets)
    {
        var path = _samples.Layout.FileOf(new TopicPartition(topic, partition), time);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Append);
        foreach (var offset in offsets)
        {
            stream.Write(ArchiveLine.Format(ArchiveSamples.Event(topic, partition, offset, time)));
        }
    }

    private async Task<long?> NextOffsetOf(TopicPartition partition)
    {
        var stored = await _checkpoints.LoadAsync("archive", [partition], CancellationToken.None);
        return stored.TryGetValue(partition, out var next) ? next : null;
    }

    [Fact]
    public async Task A_partition_with_no_files_has_no_checkpoint_and_reads_from_the_start()
    {
        Archived("orders", 1, ArchiveSamples.T0, 0, 1);
        Archived("clickstream", 0, ArchiveSamples.T0, 0, 1);

        Assert.Null(await NextOffsetOf(Orders0));
    }

    [Fact]
    public async Task Resumes_after_the_last_line_across_hour_and_day_boundaries()
    {
        Archived("orders", 0, ArchiveSamples.T0, 0, 1, 2, 3, 4);               // 22:xx
        Archived("orders", 0, ArchiveSamples.T0.AddHours(1), 5, 6, 7);        // 23:xx
        Archived("orders", 0, ArchiveSamples.T0.AddHours(2), 8, 9);           // 00:xx the next day

        Assert.Equal(10, await NextOffsetOf(Orders0));
    }

    [Fact]
    public async Task A_late_record_in_the_hour_before_the_newest_still_counts()
    {
        // A batch straddling the hour: offset 7 carries a time just before the turn, 6 just after.
        Archived("orders", 0, ArchiveSamples.T0.AddHours(1), 0, 1, 2, 3, 4, 5);
        Archived("orders", 0, ArchiveSamples.T0.AddHours(2), 6);
        Archived("orders", 0, ArchiveSamples.T0.AddHours(1), 7);

        Assert.Equal(8, await NextOffsetOf(Orders0));
    }

    [Fact]
    public async Task Reads_only_the_newest_files_not_the_history()
    {
        Archived("orders", 0, ArchiveSamples.T0.AddHours(-5), 0, 1);
        File.AppendAllText(_samples.Layout.FileOf(Orders0, ArchiveSamples.T0.AddHours(-5)), "not a line the resume may read\n");
        Archived("orders", 0, ArchiveSamples.T0, 2, 3);
        Archived("orders", 0, ArchiveSamples.T0.AddHours(1), 4);

        Assert.Equal(5, await NextOffsetOf(Orders0));
    }

    [Fact]
    public async Task Cuts_a_partial_last_line_before_resuming_so_its_record_is_written_again()
    {
        Archived("orders", 0, ArchiveSamples.T0, 0, 1, 2);
        var path = _samples.Layout.FileOf(Orders0, ArchiveSamples.T0);
        var complete = new FileInfo(path).Length;
        File.AppendAllText(path, Encoding.UTF8.GetString(ArchiveLine.Format(ArchiveSamples.Event("orders", 0, 3, ArchiveSamples.T0)))[..30]);

        Assert.Equal(3, await NextOffsetOf(Orders0));
        Assert.Equal(complete, new FileInfo(path).Length);
    }

    [Fact]
    public async Task Each_partition_resumes_from_its_own_files()
    {
        var orders1 = new TopicPartition("orders", 1);
        var clicks0 = new TopicPartition("clickstream", 0);
        Archived("orders", 0, ArchiveSamples.T0, 0, 1, 2);
        Archived("orders", 1, ArchiveSamples.T0.AddHours(1), 0);
        Archived("clickstream", 0, ArchiveSamples.T0.AddHours(3), 40, 41);

        var stored = await _checkpoints.LoadAsync("archive", [Orders0, orders1, clicks0], CancellationToken.None);

        Assert.Equal(3, stored[Orders0]);
        Assert.Equal(1, stored[orders1]);
        Assert.Equal(42, stored[clicks0]);
    }

    public void Dispose() => _samples.Dispose();
}
