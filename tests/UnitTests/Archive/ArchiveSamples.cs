using System.Text;
using Confluent.Kafka;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Projections.Worker.Archive;

namespace EdaAspire.UnitTests.Archive;

/// <summary>Records as the subscription hands them over, and a scratch archive root per test.</summary>
internal sealed class ArchiveSamples : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 22, 40, 0, TimeSpan.Zero);

    public ArchiveSamples() => Layout = new ArchiveLayout(Root);

    public string Root { get; } = Directory.CreateTempSubdirectory("eda-archive-").FullName;

    public ArchiveLayout Layout { get; }

    public static ConsumedEvent Event(string topic, int partition, long offset, DateTimeOffset time, string? body = null) => new(
        new TopicPartitionOffset(topic, partition, offset),
        $"key-{partition}",
        new EventEnvelope($"{topic}-{partition}-{offset}", "test.happened.v1", "urn:test", time, Encoding.UTF8.GetBytes(body ?? $$"""{"n":{{offset}}}""")));

    public static ConsumedBatch Batch(params ConsumedEvent[] events) => new(
        events,
        events.GroupBy(e => e.Position.TopicPartition).Select(g => new PartitionRange(g.Key, null, g.Max(e => e.Position.Offset.Value) + 1)).ToList());

    /// <summary>Every line of every file under the root, by path relative to it.</summary>
    public Dictionary<string, string[]> Files() => Directory
        .EnumerateFiles(Root, "*.jsonl", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(Root, f).Replace('\\', '/'), File.ReadAllLines);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
