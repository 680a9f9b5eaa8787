using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdaAspire.Contracts;

/// <summary>
/// A vocabulary of messages: CloudEvents type (versioned) ↔ record, JSON through source generation.
/// Reading upcasts registered older versions to the current shape; a type it does not know reads as
/// null, for the consumer to skip and count.
/// </summary>
public sealed class MessageCatalog<TMessage> where TMessage : class
{
    private readonly Dictionary<Type, (string Type, JsonTypeInfo Json)> _writers = [];
    private readonly Dictionary<string, Func<ReadOnlyMemory<byte>, TMessage>> _readers = new(StringComparer.Ordinal);

    public MessageCatalog<TMessage> Add<T>(string type, JsonTypeInfo<T> json) where T : TMessage
    {
        _writers[typeof(T)] = (type, json);
        _readers[type] = body => Deserialize(body, json);
        return this;
    }

    /// <summary>An older version: readable, never written.</summary>
    public MessageCatalog<TMessage> AddUpcaster<TOld>(string type, JsonTypeInfo<TOld> json, Func<TOld, TMessage> upcast)
    {
        _readers[type] = body => upcast(Deserialize(body, json));
        return this;
    }

    public IEnumerable<string> Types => _readers.Keys;

    /// <summary>The CloudEvents type a message is written as.</summary>
    public string TypeOf(TMessage message) => Writer(message).Type;

    public byte[] Serialize(TMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, Writer(message).Json);

    /// <summary>The message in its current shape, or null for a type this version does not know.</summary>
    /// <exception cref="JsonException">A known type whose body does not parse (a poison message).</exception>
    public TMessage? Read(string type, ReadOnlyMemory<byte> body) =>
        _readers.TryGetValue(type, out var read) ? read(body) : null;

    private (string Type, JsonTypeInfo Json) Writer(TMessage message) =>
        _writers.TryGetValue(message.GetType(), out var writer)
            ? writer
            : throw new ArgumentException($"{message.GetType().Name} is not in the catalog.", nameof(message));

    private static T Deserialize<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> json) =>
        JsonSerializer.Deserialize(body.Span, json) ?? throw new JsonException($"A {typeof(T).Name} body was null.");
}
