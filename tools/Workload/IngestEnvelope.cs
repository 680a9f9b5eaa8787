extern alias ingestion;

using System.Diagnostics;
using Confluent.Kafka;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Workload;

/// <summary>
/// A click as the ingest API turns it into a Kafka record (its <c>ClickEnvelopes</c>, then the headers its
/// <c>EventPublisher</c> writes): a CloudEvents envelope with a JSON body, ce_* headers with a trace context,
/// key = session id. The baselines and the benchmarks move exactly these bytes.
/// </summary>
public static class IngestEnvelope
{
    public static readonly ActivityContext Trace = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    public static EventEnvelope Wrap(ClickEvent click) => ingestion::EdaAspire.Ingestion.Api.Clickstream.ClickEnvelopes.Wrap(click);

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
