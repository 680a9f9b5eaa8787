using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EdaAspire.Messaging.Telemetry;

namespace EdaAspire.Messaging.Envelope;

/// <summary>
/// CloudEvents binary mode over any transport with string-keyed metadata: the attributes under a transport's
/// prefix (<c>ce_</c> on Kafka, <c>cloudEvents:</c> on AMQP), W3C trace context beside them. The Kafka headers
/// and the queue's application properties are two instances of it.
/// </summary>
public sealed class CloudEventsBinding(string prefix)
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public string Id { get; } = prefix + "id";

    public string Type { get; } = prefix + "type";

    public string Source { get; } = prefix + "source";

    public string Subject { get; } = prefix + "subject";

    public string Time { get; } = prefix + "time";

    public string SpecVersion { get; } = prefix + "specversion";

    public string CorrelationId { get; } = prefix + "correlationid";

    public string CausationId { get; } = prefix + "causationid";

    public void Write(EventEnvelope envelope, ActivityContext trace, Action<string, string> add)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        add(SpecVersion, EventEnvelope.SpecVersion);
        add(Id, envelope.Id);
        add(Type, envelope.Type);
        add(Source, envelope.Source);
        add(Time, envelope.Time.ToString("O", CultureInfo.InvariantCulture));
        AddIfPresent(add, Subject, envelope.Subject);
        AddIfPresent(add, CorrelationId, envelope.CorrelationId);
        AddIfPresent(add, CausationId, envelope.CausationId);
        if (trace != default)
        {
            add(TraceParent, TraceContext.FormatTraceParent(trace));
            AddIfPresent(add, TraceState, trace.TraceState);
        }
    }

    /// <summary>Reads an envelope from a transport's metadata, or explains why it is not one.</summary>
    public bool TryRead(
        Func<string, string?> get,
        ReadOnlyMemory<byte> body,
        string? contentType,
        [MaybeNullWhen(false)] out EventEnvelope envelope,
        out string? problem)
    {
        envelope = null;
        var (id, type, source) = (get(Id), get(Type), get(Source));
        problem = string.IsNullOrEmpty(id) ? $"missing {Id}"
            : string.IsNullOrEmpty(type) ? $"missing {Type}"
            : string.IsNullOrEmpty(source) ? $"missing {Source}"
            : get(SpecVersion) is not EventEnvelope.SpecVersion ? $"missing or unsupported {SpecVersion}"
            : !DateTimeOffset.TryParse(get(Time), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _) ? $"missing or invalid {Time}"
            : null;
        if (problem is not null)
        {
            return false;
        }

        envelope = new EventEnvelope(id!, type!, source!, DateTimeOffset.Parse(get(Time)!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), body)
        {
            Subject = get(Subject),
            DataContentType = contentType ?? EventEnvelope.JsonContentType,
            CorrelationId = get(CorrelationId),
            CausationId = get(CausationId),
            Trace = ReadTraceContext(get),
        };
        return true;
    }

    /// <summary>The sender's trace context, if any; readable even when the envelope is not.</summary>
    public static ActivityContext ReadTraceContext(Func<string, string?> get) =>
        ActivityContext.TryParse(get(TraceParent), get(TraceState), isRemote: true, out var context) ? context : default;

    private static void AddIfPresent(Action<string, string> add, string key, string? value)
    {
        if (value is not null)
        {
            add(key, value);
        }
    }
}
