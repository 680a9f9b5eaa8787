using System.Globalization;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>A log record received over OTLP: its service, the trace it was written in (if any) and its text.</summary>
public sealed record ReceivedLog(string Service, string? TraceId, string Body);

/// <summary>
/// Reads OTLP export requests (opentelemetry-proto, collector/*/v1): resource → scope → spans, metrics or log
/// records. Field numbers are those of the .proto files; anything else is skipped.
/// </summary>
public static class OtlpMessages
{
    public static List<TraceSpan> Spans(ReadOnlyMemory<byte> exportTraceServiceRequest)
    {
        var spans = new List<TraceSpan>();
        foreach (var (service, scope, span) in Nested(exportTraceServiceRequest))
        {
            spans.Add(ReadSpan(service, scope, span));
        }

        return spans;
    }

    public static List<(string Service, string Metric)> MetricNames(ReadOnlyMemory<byte> exportMetricsServiceRequest) =>
        Nested(exportMetricsServiceRequest).Select(m => (m.Service, ReadString(m.Item, field: 1))).ToList();

    public static List<ReceivedLog> Logs(ReadOnlyMemory<byte> exportLogsServiceRequest) =>
        Nested(exportLogsServiceRequest).Select(l => ReadLog(l.Service, l.Item)).ToList();

    /// <summary>
    /// Every request has the same shape: field 1 repeats a resource-level message (resource = 1, scope-level = 2),
    /// whose scope-level message has the scope at 1 and the items (spans, metrics, log records) at 2.
    /// </summary>
    private static IEnumerable<(string Service, string Scope, ReadOnlyMemory<byte> Item)> Nested(ReadOnlyMemory<byte> request)
    {
        foreach (var resourceLevel in Repeated(request, 1))
        {
            var service = "";
            var scopes = new List<ReadOnlyMemory<byte>>();
            var reader = new ProtobufReader(resourceLevel);
            while (reader.TryReadField(out var field, out var type))
            {
                switch (field)
                {
                    case 1:
                        service = Attributes(reader.ReadBytes(), field: 1).GetValueOrDefault("service.name", "");
                        break;
                    case 2:
                        scopes.Add(reader.ReadBytes());
                        break;
                    default:
                        reader.Skip(type);
                        break;
                }
            }

            foreach (var scopeLevel in scopes)
            {
                var scope = Repeated(scopeLevel, 1).Select(s => ReadString(s, field: 1)).FirstOrDefault() ?? "";
                foreach (var item in Repeated(scopeLevel, 2))
                {
                    yield return (service, scope, item);
                }
            }
        }
    }

    private static TraceSpan ReadSpan(string service, string scope, ReadOnlyMemory<byte> span)
    {
        string traceId = "", spanId = "", name = "";
        string? parent = null;
        var kind = SpanKind.Unspecified;
        ulong start = 0, end = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var links = new List<string>();
        var reader = new ProtobufReader(span);
        while (reader.TryReadField(out var field, out var type))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(reader.ReadBytes().Span); break;
                case 2: spanId = Convert.ToHexStringLower(reader.ReadBytes().Span); break;
                case 4: parent = reader.ReadBytes() is { Length: > 0 } p ? Convert.ToHexStringLower(p.Span) : null; break;
                case 5: name = reader.ReadString(); break;
                case 6: kind = (SpanKind)reader.ReadVarint(); break;
                case 7: start = reader.ReadFixed64(); break;
                case 8: end = reader.ReadFixed64(); break;
                case 9: AddAttribute(reader.ReadBytes(), attributes); break;
                case 13: links.Add(ReadLinkedSpanId(reader.ReadBytes())); break;
                default: reader.Skip(type); break;
            }
        }

        return new TraceSpan(service, scope, name, traceId, spanId, parent, kind,
            DateTimeOffset.UnixEpoch.AddTicks((long)(start / 100)), TimeSpan.FromTicks((long)((end - start) / 100)), attributes, links);
    }

    private static ReceivedLog ReadLog(string service, ReadOnlyMemory<byte> record)
    {
        string? traceId = null;
        var body = "";
        var reader = new ProtobufReader(record);
        while (reader.TryReadField(out var field, out var type))
        {
            switch (field)
            {
                case 5: body = AnyValue(reader.ReadBytes()); break;
                case 9: traceId = reader.ReadBytes() is { Length: > 0 } t ? Convert.ToHexStringLower(t.Span) : null; break;
                default: reader.Skip(type); break;
            }
        }

        return new ReceivedLog(service, traceId, body);
    }

    private static string ReadLinkedSpanId(ReadOnlyMemory<byte> link)
    {
        var reader = new ProtobufReader(link);
        while (reader.TryReadField(out var field, out var type))
        {
            if (field == 2)
            {
                return Convert.ToHexStringLower(reader.ReadBytes().Span);
            }

            reader.Skip(type);
        }

        return "";
    }

    private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in Repeated(message, field))
        {
            AddAttribute(keyValue, attributes);
        }

        return attributes;
    }

    /// <summary>KeyValue: key = 1, value = 2 (an AnyValue).</summary>
    private static void AddAttribute(ReadOnlyMemory<byte> keyValue, Dictionary<string, string> attributes)
    {
        string key = "", value = "";
        var reader = new ProtobufReader(keyValue);
        while (reader.TryReadField(out var field, out var type))
        {
            switch (field)
            {
                case 1: key = reader.ReadString(); break;
                case 2: value = AnyValue(reader.ReadBytes()); break;
                default: reader.Skip(type); break;
            }
        }

        attributes[key] = value;
    }

    /// <summary>AnyValue: string = 1, bool = 2, int = 3, double = 4; arrays and maps are not needed here.</summary>
    private static string AnyValue(ReadOnlyMemory<byte> value)
    {
        var reader = new ProtobufReader(value);
        while (reader.TryReadField(out var field, out var type))
        {
            switch (field)
            {
                case 1: return reader.ReadString();
                case 2: return (reader.ReadVarint() != 0).ToString(CultureInfo.InvariantCulture);
                case 3: return ((long)reader.ReadVarint()).ToString(CultureInfo.InvariantCulture);
                case 4: return BitConverter.UInt64BitsToDouble(reader.ReadFixed64()).ToString(CultureInfo.InvariantCulture);
                default: reader.Skip(type); break;
            }
        }

        return "";
    }

    private static string ReadString(ReadOnlyMemory<byte> message, int field)
    {
        var reader = new ProtobufReader(message);
        while (reader.TryReadField(out var number, out var type))
        {
            if (number == field && type == ProtobufReader.WireType.LengthDelimited)
            {
                return reader.ReadString();
            }

            reader.Skip(type);
        }

        return "";
    }

    private static List<ReadOnlyMemory<byte>> Repeated(ReadOnlyMemory<byte> message, int field)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        var reader = new ProtobufReader(message);
        while (reader.TryReadField(out var number, out var type))
        {
            if (number == field && type == ProtobufReader.WireType.LengthDelimited)
            {
                items.Add(reader.ReadBytes());
            }
            else
            {
                reader.Skip(type);
            }
        }

        return items;
    }
}
