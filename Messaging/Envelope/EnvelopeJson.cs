using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdaAspire.Messaging.Envelope;

/// <summary>Builds envelopes around source-generated JSON bodies and reads them back.</summary>
public static class EnvelopeJson
{
    public static EventEnvelope Wrap<T>(
        T data,
        JsonTypeInfo<T> typeInfo,
        string id,
        string type,
        string source,
        DateTimeOffset time) =>
        new(id, type, source, time, JsonSerializer.SerializeToUtf8Bytes(data, typeInfo));

    /// <exception cref="JsonException">The body is not valid JSON for <typeparamref name="T"/>.</exception>
    public static T Unwrap<T>(this EventEnvelope envelope, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(envelope.Data.Span, typeInfo)
        ?? throw new JsonException($"Event {envelope.Id} of type {envelope.Type} has a null body.");
}
