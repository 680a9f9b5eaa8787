namespace EdaAspire.Projections.Worker.Archive;

/// <summary>
/// One partition-hour file, held exclusively while open (<see cref="FileShare.None"/>, an advisory lock on Unix), so
/// reading its last offset and appending after it cannot interleave with another archive process. Opening it also
/// repairs an interrupted append: a trailing partial line is cut off, and the record is written again on replay.
/// </summary>
public sealed class ArchiveFile : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly FileStream _stream;

    private ArchiveFile(FileStream stream) => _stream = stream;

    public string Path => _stream.Name;

    /// <summary>The Kafka offset of the last complete line when the file was opened; null when it had none.</summary>
    public long? LastOffset { get; private set; }

    /// <exception cref="IOException">Another process holds the file; the caller retries.</exception>
    public static ArchiveFile Open(string path, ILogger logger)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        var file = new ArchiveFile(stream);
        try
        {
            file.Repair(logger);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends the lines in one write and returns only once they are on disk; returns the bytes written.</summary>
    public long Append(IReadOnlyList<byte[]> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var buffer = new byte[lines.Sum(l => (long)l.Length)];
        var at = 0;
        foreach (var line in lines)
        {
            line.CopyTo(buffer, at);
            at += line.Length;
        }

        _stream.Seek(0, SeekOrigin.End);
        _stream.Write(buffer);
        _stream.Flush(flushToDisk: true);
        return buffer.Length;
    }

    public void Dispose() => _stream.Dispose();

    private void Repair(ILogger logger)
    {
        var length = _stream.Length;
        var end = LastIndexOfLineEnd(length) + 1;
        if (end < length)
        {
            logger.LogWarning("Cut {Bytes} bytes of an interrupted append off the end of {File}", length - end, Path);
            _stream.SetLength(end);
            _stream.Flush(flushToDisk: true);
        }

        if (end == 0)
        {
            return;
        }

        var start = LastIndexOfLineEnd(end - 1) + 1;
        var line = new byte[end - 1 - start];
        _stream.Position = start;
        _stream.ReadExactly(line);
        try
        {
            LastOffset = ArchiveLine.OffsetOf(line);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"The last line of {Path} is damaged; the archive needs a look before it can resume. {ex.Message}", ex);
        }
    }

    /// <summary>Where the last line end before <paramref name="before"/> is, or -1: read backwards, a chunk at a time.</summary>
    private long LastIndexOfLineEnd(long before)
    {
        var chunk = new byte[(int)Math.Min(ChunkSize, Math.Max(before, 1))];
        var end = before;
        while (end > 0)
        {
            var size = (int)Math.Min(chunk.Length, end);
            var start = end - size;
            _stream.Position = start;
            _stream.ReadExactly(chunk, 0, size);
            var index = chunk.AsSpan(0, size).LastIndexOf(ArchiveLine.End);
            if (index >= 0)
            {
                return start + index;
            }

            end = start;
        }

        return -1;
    }
}
