using System.Text;

namespace EdaAspire.Notifications.Worker;

/// <summary>One line of a <see cref="KeyedLineFile"/>: the key is what makes it unique.</summary>
public sealed record KeyedLine(string Key, string Value);

/// <summary>
/// A text file of <c>key&lt;TAB&gt;value</c> lines, only ever appended to, with its keys in memory: what a channel
/// without a database remembers across redeliveries and restarts. Not thread-safe: one subscription (one consumer
/// thread) owns each file.
/// </summary>
public sealed class KeyedLineFile(string path)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Dictionary<string, string> _lines = new(StringComparer.Ordinal);
    private bool _loaded;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string? Find(string key)
    {
        EnsureLoaded();
        return _lines.GetValueOrDefault(KeyOf(key));
    }

    /// <summary>
    /// Appends the lines whose keys the file does not hold yet (the first of a key repeated among them), on disk
    /// before it returns, and returns them.
    /// </summary>
    public async Task<IReadOnlyList<KeyedLine>> AppendNewAsync(IEnumerable<KeyedLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        EnsureLoaded();
        var fresh = new List<KeyedLine>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var clean = new KeyedLine(KeyOf(line.Key), ValueOf(line.Value));
            if (!_lines.ContainsKey(clean.Key) && keys.Add(clean.Key))
            {
                fresh.Add(clean);
            }
        }

        if (fresh.Count == 0)
        {
            return fresh;
        }

        var text = new StringBuilder();
        foreach (var line in fresh)
        {
            text.Append(line.Key).Append('\t').Append(line.Value).Append('\n');
        }

        try
        {
            await using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(Utf8.GetBytes(text.ToString()), cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            // How much reached the disk is unknown: the file is the truth, read again before the retry.
            _loaded = false;
            throw;
        }

        foreach (var line in fresh)
        {
            _lines[line.Key] = line.Value;
        }

        return fresh;
    }

    private void EnsureLoaded()
    {
        if (_loaded)
        {
            return;
        }

        _lines.Clear();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);

        // A crash mid-append leaves a line without its end: cut it off, so its entry counts as never written.
        var complete = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (complete < bytes.Length)
        {
            stream.SetLength(complete);
            stream.Flush(flushToDisk: true);
        }

        foreach (var line in Utf8.GetString(bytes, 0, complete).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            _lines.TryAdd(tab < 0 ? line : line[..tab], tab < 0 ? "" : line[(tab + 1)..]);
        }

        _loaded = true;
    }

    // A key is one field and a value one line, whatever the event carried.
    private static string KeyOf(string key) => string.Create(key.Length, key, (span, k) =>
    {
        for (var i = 0; i < k.Length; i++)
        {
            span[i] = char.IsControl(k[i]) ? ' ' : k[i];
        }
    });

    private static string ValueOf(string value) => value.ReplaceLineEndings(" ");
}
