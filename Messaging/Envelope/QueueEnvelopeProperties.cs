using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EdaAspire.Messaging.Telemetry;

namespace EdaAspire.Messaging.Envelope;

/// <summary>
/// The CloudEvents AMQP protocol binding (binary mode) for work-queue messages: attributes as <c>cloudEvents:*</c>
/// application properties, W3C trace context beside them. The body's content type travels in the message's own
/// content-type field, as the binding puts it, so it is not repeated here.
/// </summary>
public static class QueueEnvelopeProperties
{
    public const string Id = "cloudEvents:id";
    public const string Type = "cloudEvents:type";
    public const string Source = "cloudEvents:source";
    public const string Subject = "cloudEvents:subject";
    public const string Time = "cloudEvents:time";
    public const string SpecVersion = "cloudEvents:specversion";
    public const string CorrelationId = "cloudEvents:correlationid";
    public const string CausationId = "cloudEvents:causationid";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    private static readonly string[] Required = [Id, Type, Source];

    public static Dictionary<string, string> ToProperties(EventEnvelope envelope, ActivityContext trace)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SpecVersion] = EventEnvelope.SpecVersion,
            [Id] = envelope.Id,
            [Type] = envelope.Type,
            [Source] = envelope.Source,
            [Time] = envelope.Time.ToString("O", CultureInfo.InvariantCulture),
        };
        AddIfPresent(properties, Subject, envelope.Subject);
        AddIfPresent(properties, CorrelationId, envelope.CorrelationId);
        AddIfPresent(properties, CausationId, envelope.CausationId);

        if (trace != default)
        {
            properties[TraceParent] = TraceContext.FormatTraceParent(trace);
            AddIfPresent(properties, TraceState, trace.TraceState);
        }

        return properties;
    }

    /// <summary>Reads the envelope of a queue message, or explains why it is not one.</summary>
    public static bool TryRead(
        IReadOnlyDictionary<string, string> properties,
        ReadOnlyMemory<byte> body,
        [MaybeNullWhen(false)] out EventEnvelope envelope,
        out string? problem)
    {
        ArgumentNullException.ThrowIfNull(properties);
        envelope = null;
        problem = Array.Find(Required, name => string.IsNullOrEmpty(Get(properties, name))) is { } missing
            ? $"missing {missing}"
            : Get(properties, SpecVersion) is not EventEnvelope.SpecVersion
                ? $"missing or unsupported {SpecVersion}"
                : null;
        if (problem is not null)
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(Get(properties, Time), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
        {
            problem = $"missing or invalid {Time}";
            return false;
        }

        envelope = new EventEnvelope(properties[Id], properties[Type], properties[Source], time, body)
        {
            Subject = Get(properties, Subject),
            CorrelationId = Get(properties, CorrelationId),
            CausationId = Get(properties, CausationId),
            Trace = ReadTraceContext(properties),
        };
        return true;
    }

    /// <summary>The sender's trace context carried by a message, if any; readable even when the envelope is not.</summary>
    public static ActivityContext ReadTraceContext(IReadOnlyDictionary<string, string> properties) =>
        ActivityContext.TryParse(Get(properties, TraceParent), Get(properties, TraceState), isRemote: true, out var context)
            ? context
            : default;

    private static void AddIfPresent(Dictionary<string, string> properties, string key, string? value)
    {
        if (value is not null)
        {
            properties[key] = value;
        }
    }

    private static string? Get(IReadOnlyDictionary<string, string> properties, string key) =>
        properties.TryGetValue(key, out var value) ? value : null;
}
