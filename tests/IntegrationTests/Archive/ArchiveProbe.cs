using System.Globalization;
using System.Text.Json;

namespace EdaAspire.IntegrationTests.Archive;

/// <summary>
/// Reads the archive from outside, as a data-lake reader would, and checks it against what was published.
/// <paramref name="afterFileRead"/> lets a test act between two file reads, as a running writer does.
/// </summary>
public sealed class ArchiveProbe(string root, Action<string>? afterFileRead = null)
{
    public sealed record Line(string File, string Id, string Topic, int Partition, long Offset, DateTimeOffset Time);

    /// <summary>Every complete line; a file held by the writer at that moment is read again shortly after.</summary>
    public List<Line> ReadAll()
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateFiles(root, "*.jsonl", SearchOption.AllDirectories)
            .SelectMany(file => CompleteLines(ReadFile(file)).Select(text => Parse(file, text)))
            .ToList();
    }

    public async Task<List<Line>> WaitForAsync(int count, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var lines = ReadAll();
        while (lines.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100); // polls until the lines are there or the limit passed
            lines = ReadAll();
        }

        return lines;
    }

    /// <summary>
    /// Every line of the scenario's events once markers published after them are all archived: a duplicate of an
    /// earlier record would have been written before its partition's marker. Marker lines are left out.
    /// </summary>
    public async Task<List<Line>> WaitForAllAsync(ArchiveScenario scenario, TimeSpan limit) =>
        await WaitForMarkedAsync(await scenario.PublishMarkersAsync(), limit);

    /// <summary>
    /// Every line once all <paramref name="markerIds"/> are archived, read again after they were seen: one pass reads
    /// the files one at a time, so it can find a marker that was written after it had read the file of an event
    /// written just before that marker. A pass that starts after the markers are on disk finds every earlier line.
    /// </summary>
    public async Task<List<Line>> WaitForMarkedAsync(IEnumerable<string> markerIds, TimeSpan limit)
    {
        var markers = markerIds.ToHashSet();
        var deadline = DateTime.UtcNow + limit;
        while (!markers.IsSubsetOf(ReadAll().Select(l => l.Id)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100); // polls until the markers are there or the limit passed
        }

        var lines = ReadAll();
        var seenMarkers = lines.Where(l => markers.Contains(l.Id)).ToList();
        Assert.True(seenMarkers.Count == markers.Count, $"{seenMarkers.Count} of {markers.Count} markers archived within {limit.TotalSeconds} s; {lines.Count} lines in all.");
        var events = lines.Where(l => !l.Id.StartsWith(ArchiveScenario.MarkerPrefix, StringComparison.Ordinal)).ToList();
        var unmarked = events.Select(l => (l.Topic, l.Partition)).Distinct().Except(seenMarkers.Select(l => (l.Topic, l.Partition))).ToList();
        Assert.True(unmarked.Count == 0, $"No marker reached {string.Join(", ", unmarked)}: its duplicates could still come.");
        return events;
    }

    /// <summary>Each published event on exactly one line, in the file its topic, partition and hour name, in offset order.</summary>
    public void AssertExactlyOnce(ArchiveScenario scenario, List<Line> lines)
    {
        var duplicates = lines.GroupBy(l => l.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"Archived more than once: {string.Join(", ", duplicates.Take(20))}");
        var missing = scenario.Ids.Except(lines.Select(l => l.Id)).ToList();
        Assert.True(missing.Count == 0, $"Never archived: {string.Join(", ", missing.Take(20))}");
        Assert.Equal(scenario.Events.Count, lines.Count);

        foreach (var line in lines)
        {
            var utc = line.Time.UtcDateTime;
            var expected = Path.Combine(root, line.Topic, utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), utc.ToString("HH", CultureInfo.InvariantCulture), $"partition-{line.Partition}.jsonl");
            Assert.Equal(expected, line.File);
        }

        foreach (var file in lines.GroupBy(l => l.File))
        {
            var offsets = file.Select(l => l.Offset).ToList();
            Assert.True(offsets.SequenceEqual(offsets.Order()) && offsets.Distinct().Count() == offsets.Count, $"{file.Key} is not in offset order");
            Assert.Equal((byte)'\n', ReadShared(file.Key)[^1]);
        }

        foreach (var topic in lines.GroupBy(l => l.Topic))
        {
            Assert.True(topic.Select(l => l.Time.UtcDateTime.Hour).Distinct().Count() >= 2, $"{topic.Key} spans fewer than two hours");
        }
    }

    private byte[] ReadFile(string file)
    {
        var bytes = ReadShared(file);
        afterFileRead?.Invoke(file);
        return bytes;
    }

    private static byte[] ReadShared(string file)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
                return bytes;
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(20); // the writer holds the file for a moment: retries until it is readable
            }
        }
    }

    /// <summary>The lines that end with a line break; a writer may be mid-append.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> CompleteLines(byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                yield return bytes.AsMemory(start, i - start);
                start = i + 1;
            }
        }
    }

    private static Line Parse(string file, ReadOnlyMemory<byte> text)
    {
        using var json = JsonDocument.Parse(text);
        var e = json.RootElement;
        return new Line(
            file,
            e.GetProperty("id").GetString()!,
            e.GetProperty("kafkatopic").GetString()!,
            e.GetProperty("kafkapartition").GetInt32(),
            e.GetProperty("kafkaoffset").GetInt64(),
            DateTimeOffset.Parse(e.GetProperty("time").GetString()!, CultureInfo.InvariantCulture));
    }
}
