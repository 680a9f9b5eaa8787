using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;

namespace EdaAspire.Projections.Worker.Archive;

/// <summary>
/// One archived record as one line: a CloudEvents 1.0 event in structured JSON mode, so any CloudEvents reader can
/// take the archive. The Kafka position rides in extension attributes (<c>kafkatopic</c>, <c>kafkapartition</c>,
/// <c>kafkaoffset</c>), the record key in <c>partitionkey</c> (the Partitioning extension), the trace context in
/// <c>traceparent</c>/<c>tracestate</c> (the Distributed Tracing extension). JSON data is embedded as <c>data</c>,
/// anything else as <c>data_base64</c>.
/// </summary>
public static class ArchiveLine
{
    public const byte End = (byte)'\n';

    private const string OffsetAttribute = "kafkaoffset";

    // Readable non-ASCII text; control characters are still escaped, so a line never contains a line break.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The line, ending with <see cref="End"/>.</summary>
    public static byte[] Format(ConsumedEvent consumed)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        var envelope = consumed.Envelope;
        var buffer = new ArrayBufferWriter<byte>(512 + envelope.Data.Length);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", EventEnvelope.SpecVersion);
            writer.WriteString("id", envelope.Id);
            writer.WriteString("type", envelope.Type);
            writer.WriteString("source", envelope.Source);
            writer.WriteString("time", envelope.Time.ToString("O", CultureInfo.InvariantCulture));
            WriteIfPresent(writer, "subject", envelope.Subject);
            writer.WriteString("datacontenttype", envelope.DataContentType);
            WriteIfPresent(writer, "correlationid", envelope.CorrelationId);
            WriteIfPresent(writer, "causationid", envelope.CausationId);
            if (envelope.Trace != default)
            {
                writer.WriteString("traceparent", TraceContext.FormatTraceParent(envelope.Trace));
                WriteIfPresent(writer, "tracestate", envelope.Trace.TraceState);
            }

            writer.WriteString("kafkatopic", consumed.Position.Topic);
            writer.WriteNumber("kafkapartition", consumed.Position.Partition.Value);
            writer.WriteNumber(OffsetAttribute, consumed.Position.Offset.Value);
            WriteIfPresent(writer, "partitionkey", consumed.Key);
            WriteData(writer, envelope);
            writer.WriteEndObject();
        }

        buffer.Write([End]);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The Kafka offset a line (without its end) records.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an archive line.</exception>
    public static long OffsetOf(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(OffsetAttribute))
                {
                    reader.Read();
                    return reader.GetInt64();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Not an archive line: {ex.Message}", ex);
        }

        throw new InvalidDataException($"Not an archive line: it has no {OffsetAttribute}.");
    }

    private static void WriteData(Utf8JsonWriter writer, EventEnvelope envelope)
    {
        if (envelope.Data.IsEmpty)
        {
            return;
        }

        if (IsJson(envelope.DataContentType) && TryParse(envelope.Data, out var document))
        {
            using (document)
            {
                // Re-written rather than copied raw: the body's own whitespace may hold line breaks.
                writer.WritePropertyName("data");
                document.RootElement.WriteTo(writer);
            }

            return;
        }

        writer.WriteBase64String("data_base64", envelope.Data.Span);
    }

    private static bool TryParse(ReadOnlyMemory<byte> data, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(data);
            return true;
        }
        catch (JsonException)
        {
            // Labelled JSON but is not: kept byte for byte rather than lost.
            document = null!;
            return false;
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
