using System.Text.Encodings.Web;
using System.Text.Json;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>An event's payload as people read it: indented, non-ASCII left as is.</summary>
public static class PrettyJson
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        // Rendered by Blazor, which escapes the text for HTML itself.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <returns>The JSON indented, or the text unchanged when it is not JSON.</returns>
    public static string Format(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Indented))
            {
                document.WriteTo(writer);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
