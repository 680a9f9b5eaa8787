using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace EdaAspire.Messaging.Envelope;

/// <summary>
/// The CloudEvents AMQP protocol binding (binary mode) for work-queue messages: attributes as <c>cloudEvents:*</c>
/// application properties, W3C trace context beside them. The body's content type travels in the message's own
/// content-type field, as the binding puts it, so it is not repeated here.
/// </summary>
public static class QueueEnvelopeProperties
{
    public static CloudEventsBinding Binding { get; } = new("cloudEvents:");

    public static Dictionary<string, string> ToProperties(EventEnvelope envelope, ActivityContext trace)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        Binding.Write(envelope, trace, (key, value) => properties[key] = value);
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
        return Binding.TryRead(key => Get(properties, key), body, contentType: null, out envelope, out problem);
    }

    /// <summary>The sender's trace context carried by a message, if any; readable even when the envelope is not.</summary>
    public static ActivityContext ReadTraceContext(IReadOnlyDictionary<string, string> properties) =>
        CloudEventsBinding.ReadTraceContext(key => Get(properties, key));

    private static string? Get(IReadOnlyDictionary<string, string> properties, string key) =>
        properties.TryGetValue(key, out var value) ? value : null;
}
