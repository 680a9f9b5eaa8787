using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace EdaAspire.IntegrationTests.HostileInput;

/// <summary>Flaws that break any JSON endpoint, whatever its schema: not JSON, cut short, too deep, too big, not JSON's media type.</summary>
public static class HostileBodies
{
    public const string Json = "application/json";

    /// <summary>Flaws of the request as a whole, given a valid body to start from.</summary>
    public static Gen<HostileRequest> Any(Gen<JsonNode> valid, long maxBodyBytes) => Gen.OneOf(
        RandomBytes,
        valid.SelectMany(body => CutShort(body.ToJsonString())),
        Gen.Choose(65, 5000).Select(depth => Request("nested too deep", new string('[', depth) + new string(']', depth))),
        Gen.Elements("", " ", "null", "[]", "42", "\"text\"", "true", "{", "}", "{\"events\":}", "{,}")
            .Select(text => Request($"not an object: '{text}'", text)),
        valid.Select(body => Oversized(body, maxBodyBytes)),
        valid.SelectMany(body => Gen.Elements("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "")
            .Select(type => new HostileRequest($"media type '{type}'", Encoding.UTF8.GetBytes(body.ToJsonString()), type))),
        valid.Select(body => new HostileRequest("invalid UTF-8 in a string", InvalidUtf8Inside(body.ToJsonString()), Json)));

    private static Gen<HostileRequest> RandomBytes =>
        Gen.Choose(1, 2048).SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length))
            .Where(bytes => bytes[0] is not ((byte)'{' or (byte)'[' or (byte)'"'))
            .Select(bytes => new HostileRequest("random bytes", bytes, Json));

    private static Gen<HostileRequest> CutShort(string json) =>
        Gen.Choose(1, json.Length - 1).Select(length => Request($"cut short at {length} of {json.Length}", json[..length]));

    /// <summary>A valid body padded past the limit with whitespace: still valid JSON, only too big.</summary>
    private static HostileRequest Oversized(JsonNode body, long maxBodyBytes)
    {
        var json = body.ToJsonString();
        return Request("over the size limit", json[..^1] + new string(' ', (int)maxBodyBytes) + json[^1]);
    }

    /// <summary>Replaces the first string value's content by bytes that are not UTF-8.</summary>
    private static byte[] InvalidUtf8Inside(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var quote = bytes.IndexOf((byte)':') + 2; // the first property's value, when it is a string
        bytes.InsertRange(Math.Min(quote, bytes.Count), [0xC3, 0x28, 0xFF]);
        return [.. bytes];
    }

    public static HostileRequest Request(string flaw, string body, string? idempotencyKey = null) =>
        new(flaw, Encoding.UTF8.GetBytes(body), Json, idempotencyKey);
}
