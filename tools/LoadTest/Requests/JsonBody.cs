using System.Net.Http.Headers;
using System.Text.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;

namespace EdaAspire.LoadTest.Requests;

/// <summary>Request bodies serialised with the API's own contracts, sent as JSON.</summary>
public static class JsonBody
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static byte[] Serialize(IReadOnlyList<ClickEvent> events) =>
        JsonSerializer.SerializeToUtf8Bytes(new ClickstreamBatch([.. events]), ContractsJsonContext.Default.ClickstreamBatch);

    public static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return content;
    }
}
