using System.Diagnostics;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Workload;

/// <summary>
/// A click as the ingest API turns it into a Kafka record (its private <c>ToOutgoing</c> and <c>EventPublisher</c>,
/// redone here with the same public pieces): a CloudEvents envelope with a JSON body, ce_* headers with a trace
/// context, key = session id. The baselines and the benchmarks move exactly these bytes.
/// </summary>
public static class IngestEnvelope
{
    public const string Source = "urn:edaaspire:ingestion";

    public static readonly ActivityContext Trace = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    public static EventEnvelope Wrap(ClickEvent click) =>
        EnvelopeJson.Wrap(
            click,
            ContractsJsonContext.Default.ClickEvent,
            id: Guid.CreateVersion7().ToString(),
            type: ClickEventTypes.CloudEventType(click.Type),
            source: Source,
            time: click.Timestamp) with { Subject = click.SessionId };

    public static Message<string, byte[]> Record(ClickEvent click)
    {
        var envelope = Wrap(click);
        return new Message<string, byte[]>
        {
            Key = click.SessionId,
            Value = envelope.Data.ToArray(),
            Headers = KafkaEnvelopeHeaders.Write(envelope, Trace),
        };
    }
}
