using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Workload;

namespace EdaAspire.Benchmarks;

/// <summary>One clickstream event through the envelope: what the ingest API does per event, and what a consumer does back.</summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private ClickEvent _click = null!;
    private EventEnvelope _envelope = null!;
    private Headers _headers = null!;
    private byte[] _body = [];
    private Dictionary<string, string> _properties = [];

    [GlobalSetup]
    public void Setup()
    {
        _click = new ClickMix().Next(DateTimeOffset.UtcNow) with { Type = ClickEventTypes.ProductViewed, ProductId = "p-0042", UserId = "u-7" };
        _envelope = IngestEnvelope.Wrap(_click);
        _headers = KafkaEnvelopeHeaders.Write(_envelope, IngestEnvelope.Trace);
        _body = _envelope.Data.ToArray();
        _properties = QueueEnvelopeProperties.ToProperties(_envelope, IngestEnvelope.Trace);
    }

    [Benchmark(Description = "wrap: serialise body into an envelope")]
    public EventEnvelope Wrap() => IngestEnvelope.Wrap(_click);

    [Benchmark(Description = "Kafka ce_* headers: write")]
    public Headers WriteKafkaHeaders() => KafkaEnvelopeHeaders.Write(_envelope, IngestEnvelope.Trace);

    [Benchmark(Description = "Kafka ce_* headers: read")]
    public EventEnvelope? ReadKafkaHeaders() => KafkaEnvelopeHeaders.TryRead(_headers, _body, out var envelope, out _) ? envelope : null;

    [Benchmark(Description = "unwrap: deserialise body")]
    public ClickEvent Unwrap() => _envelope.Unwrap(ContractsJsonContext.Default.ClickEvent);

    [Benchmark(Description = "queue properties: write")]
    public Dictionary<string, string> WriteQueueProperties() => QueueEnvelopeProperties.ToProperties(_envelope, IngestEnvelope.Trace);

    [Benchmark(Description = "queue properties: read")]
    public EventEnvelope? ReadQueueProperties() => QueueEnvelopeProperties.TryRead(_properties, _body, out var envelope, out _) ? envelope : null;
}
