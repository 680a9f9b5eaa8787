using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Telemetry;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// The CloudEvents Kafka protocol binding (binary mode): attributes as <c>ce_*</c> headers,
/// <c>content-type</c> for the body, W3C trace context beside them.
/// </summary>
public static class KafkaEnvelopeHeaders
{
    public const string Id = "ce_id";
    public const string Type = "ce_type";
    public const string Source = "ce_source";
    public const string Subject = "ce_subject";
    public const string Time = "ce_time";
    public const string SpecVersion = "ce_specversion";
    public const string CorrelationId = "ce_correlationid";
    public const string CausationId = "ce_causationid";
    public const string ContentType = "content-type";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public static Headers Write(EventEnvelope envelope, ActivityContext trace)
    {
        var headers = new Headers();
        Add(headers, SpecVersion, EventEnvelope.SpecVersion);
        Add(headers, Id, envelope.Id);
        Add(headers, Type, envelope.Type);
        Add(headers, Source, envelope.Source);
        Add(headers, Time, envelope.Time.ToString("O", CultureInfo.InvariantCulture));
        Add(headers, ContentType, envelope.DataContentType);
        Add(headers, Subject, envelope.Subject);
        Add(headers, CorrelationId, envelope.CorrelationId);
        Add(headers, CausationId, envelope.CausationId);

        if (trace != default)
        {
            Add(headers, TraceParent, TraceContext.FormatTraceParent(trace));
            Add(headers, TraceState, trace.TraceState);
        }

        return headers;
    }

    /// <summary>Reads the envelope of a record, or explains why it is not one.</summary>
    public static bool TryRead(Headers? headers, byte[]? body, out EventEnvelope envelope, out string? problem)
    {
        envelope = null!;
        var id = Get(headers, Id);
        var type = Get(headers, Type);
        var source = Get(headers, Source);
        var time = Get(headers, Time);
        problem = (id, type, source, Get(headers, SpecVersion)) switch
        {
            (null, _, _, _) => "missing ce_id",
            (_, null, _, _) => "missing ce_type",
            (_, _, null, _) => "missing ce_source",
            (_, _, _, not EventEnvelope.SpecVersion) => "missing or unsupported ce_specversion",
            _ => null,
        };

        if (problem is not null)
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsedTime))
        {
            problem = "missing or invalid ce_time";
            return false;
        }

        envelope = new EventEnvelope(id!, type!, source!, parsedTime, body ?? [])
        {
            Subject = Get(headers, Subject),
            DataContentType = Get(headers, ContentType) ?? EventEnvelope.JsonContentType,
            CorrelationId = Get(headers, CorrelationId),
            CausationId = Get(headers, CausationId),
            Trace = ReadTraceContext(headers),
        };
        return true;
    }

    /// <summary>The producer's trace context carried by a record, if any.</summary>
    public static ActivityContext ReadTraceContext(Headers? headers) =>
        ActivityContext.TryParse(Get(headers, TraceParent), Get(headers, TraceState), isRemote: true, out var context)
            ? context
            : default;

    private static void Add(Headers headers, string key, string? value)
    {
        if (value is not null)
        {
            headers.Add(key, Encoding.UTF8.GetBytes(value));
        }
    }

    private static string? Get(Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
