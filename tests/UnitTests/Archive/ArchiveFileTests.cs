using System.Text;
using EdaAspire.Projections.Worker.Archive;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.UnitTests.Archive;

public sealed class ArchiveFileTests : IDisposable
{
    private readonly ArchiveSamples _samples = new();
    private readonly string _path;

    public ArchiveFileTests() => _path = Path.Combine(_samples.Root, "orders", "2026-11-23", "22", "partition-0.jsonl");

    private static byte[] Line(long offset, string? body = null) =>
        ArchiveLine.Format(ArchiveSamples.Event("orders", 0, offset, ArchiveSamples.T0, body));

    private void Append(params byte[][] lines)
    {
        using var file = ArchiveFile.Open(_path, NullLogger.Instance);
        file.Append(lines);
    }

    private static ArchiveFile Open(string path) => ArchiveFile.Open(path, NullLogger.Instance);

    [Fact]
    public void A_new_file_has_no_last_offset()
    {
        using var file = Open(_path);

        Assert.Null(file.LastOffset);
        Assert.True(File.Exists(_path));
    }

    [Fact]
    public void The_last_offset_is_that_of_the_last_line()
    {
        Append(Line(3), Line(4));
        Append(Line(9));

        using (var file = Open(_path))
        {
            Assert.Equal(9, file.LastOffset);
        }

        Assert.Equal(3, File.ReadAllLines(_path).Length);
    }

    [Fact]
    public void An_interrupted_append_is_cut_back_to_the_last_complete_line()
    {
        Append(Line(3), Line(4));
        var complete = new FileInfo(_path).Length;
        File.AppendAllText(_path, Encoding.UTF8.GetString(Line(5))[..40]);

        using (var file = Open(_path))
        {
            Assert.Equal(4, file.LastOffset);
        }

        Assert.Equal(complete, new FileInfo(_path).Length);
        Assert.Equal([3L, 4L], File.ReadAllLines(_path).Select(l => ArchiveLine.OffsetOf(Encoding.UTF8.GetBytes(l))));
    }

    [Fact]
    public void A_file_holding_only_a_partial_line_is_emptied()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        File.WriteAllBytes(_path, Line(0)[..25]);

        using (var file = Open(_path))
        {
            Assert.Null(file.LastOffset);
        }

        Assert.Equal(0, new FileInfo(_path).Length);
    }

    [Fact]
    public void Zeros_left_at_the_end_by_a_power_cut_count_as_a_partial_line()
    {
        Append(Line(1));
        File.AppendAllText(_path, "\0\0\0\0");

        using var file = Open(_path);

        Assert.Equal(1, file.LastOffset);
    }

    [Fact]
    public void Lines_longer_than_the_chunk_it_reads_backwards_in_are_found_whole()
    {
        var big = $$"""{"blob":"{{new string('x', 200_000)}}"}""";
        Append(Line(1, big), Line(2, big));
        File.AppendAllText(_path, new string('y', 150_000));

        using var file = Open(_path);

        Assert.Equal(2, file.LastOffset);
    }

    [Fact]
    public void A_damaged_complete_last_line_stops_the_resume_rather_than_guess()
    {
        Append(Line(1));
        File.AppendAllText(_path, "garbage\n");

        var error = Assert.Throws<InvalidDataException>(() => Open(_path));
        Assert.Contains(_path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_writer_holds_a_file_at_a_time()
    {
        using var first = Open(_path);

        Assert.ThrowsAny<IOException>(() => Open(_path));
    }

    public void Dispose() => _samples.Dispose();
}
