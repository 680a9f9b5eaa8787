using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace EdaAspire.IntegrationTests.Archive;

/// <summary>
/// Events for both topics, published with the app's own <see cref="EventPublisher"/>. Their times scatter over three
/// hours in no order, so a partition's records go back and forth between hour files; every tenth body is not JSON.
/// </summary>
public sealed class ArchiveScenario : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 22, 0, 0, TimeSpan.Zero);
    public const string MarkerPrefix = "marker-";
    private const int MarkersPerTopic = 32;
    private int _markerRounds;

    private readonly IProducer<string, byte[]> _producer;
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly EventPublisher _publisher;

    public ArchiveScenario(string bootstrapServers, int events, int seed = 7)
    {
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, Acks = Acks.All }).Build();
        _publisher = new EventPublisher(_producer, new BrokerAvailability(), new MessagingTelemetry(_metrics.GetRequiredService<IMeterFactory>()));
        var random = new Random(seed);
        Events = Enumerable.Range(0, events).Select(i => Create(i, Start.AddSeconds(random.Next(3 * 3600)))).ToList();
    }

    public IReadOnlyList<(string Topic, OutgoingEvent Event)> Events { get; }

    public IEnumerable<string> Ids => Events.Select(e => e.Event.Envelope.Id);

    /// <summary>Publishes events [from, to) a topic at a time, in chunks, as producers do.</summary>
    public async Task PublishAsync(int from, int to, int chunk = 25, TimeSpan? pause = null)
    {
        for (var at = from; at < to; at += chunk)
        {
            foreach (var topic in Events.Skip(at).Take(Math.Min(chunk, to - at)).GroupBy(e => e.Topic))
            {
                await _publisher.PublishAsync(topic.Key, topic.Select(e => e.Event).ToList());
            }

            if (pause is { } delay)
            {
                await Task.Delay(delay); // a trickle of traffic, as producers send it; no assertion waits on it
            }
        }
    }

    /// <summary>
    /// Publishes a round of marker events, <see cref="MarkersPerTopic"/> keys per topic so every partition gets one:
    /// an archiver works through a partition in order, so a duplicate of an earlier record is written before the marker.
    /// </summary>
    public async Task<IReadOnlyList<string>> PublishMarkersAsync()
    {
        var round = Interlocked.Increment(ref _markerRounds);
        var ids = new List<string>();
        foreach (var topic in new[] { Topics.Clickstream, Topics.Orders })
        {
            var markers = Enumerable.Range(0, MarkersPerTopic)
                .Select(k => new OutgoingEvent($"marker-{k}", new EventEnvelope($"{MarkerPrefix}{round}-{topic}-{k}", "test.marker.v1", "urn:test", Start, "{}"u8.ToArray())))
                .ToList();
            await _publisher.PublishAsync(topic, markers);
            ids.AddRange(markers.Select(m => m.Envelope.Id));
        }

        return ids;
    }

    public void Dispose()
    {
        _producer.Dispose();
        _metrics.Dispose();
    }

    private static (string, OutgoingEvent) Create(int i, DateTimeOffset time)
    {
        var topic = i % 2 == 0 ? Topics.Clickstream : Topics.Orders;
        var key = $"key-{i % 37}";
        var envelope = i % 10 == 9
            ? new EventEnvelope($"evt-{i}", "test.binary.v1", "urn:test", time, Encoding.UTF8.GetBytes($"raw\n{i}")) { DataContentType = "application/octet-stream" }
            : new EventEnvelope($"evt-{i}", "test.happened.v1", "urn:test", time, Encoding.UTF8.GetBytes($$"""{"n":{{i}},"text":"line\nbreak"}""")) { Subject = key };
        return (topic, new OutgoingEvent(key, envelope));
    }
}
