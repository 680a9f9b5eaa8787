using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// The CloudEvents Kafka protocol binding (binary mode): attributes as <c>ce_*</c> headers,
/// <c>content-type</c> for the body, W3C trace context beside them.
/// </summary>
public static class KafkaEnvelopeHeaders
{
    public const string ContentType = "content-type";

    public static CloudEventsBinding Binding { get; } = new("ce_");

    public static Headers Write(EventEnvelope envelope, ActivityContext trace)
    {
        var headers = new Headers();
        Binding.Write(envelope, trace, (key, value) => headers.Add(key, Encoding.UTF8.GetBytes(value)));
        headers.Add(ContentType, Encoding.UTF8.GetBytes(envelope.DataContentType));
        return headers;
    }

    /// <summary>Reads the envelope of a record, or explains why it is not one.</summary>
    public static bool TryRead(Headers? headers, byte[]? body, out EventEnvelope envelope, out string? problem)
    {
        var ok = Binding.TryRead(key => Get(headers, key), body ?? [], Get(headers, ContentType), out var read, out problem);
        envelope = read!;
        return ok;
    }

    /// <summary>The producer's trace context carried by a record, if any.</summary>
    public static ActivityContext ReadTraceContext(Headers? headers) =>
        CloudEventsBinding.ReadTraceContext(key => Get(headers, key));

    private static string? Get(Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
