using System.Net.Http.Json;
using System.Text.Json;

namespace EdaAspire.EndToEndTests.AspireDashboard;

/// <summary>One span as the Aspire dashboard's telemetry API returns it (OTLP JSON), with its service's name.</summary>
public sealed record DashboardSpan(string Service, string TraceId, string SpanId, string? ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);

/// <summary>One log record from the same API: its service, trace id and text.</summary>
public sealed record DashboardLog(string Service, string? TraceId, string Body);

/// <summary>
/// The Aspire dashboard's telemetry API (<c>/api/telemetry/*</c>): what a person sees on its Traces and Structured logs
/// pages, as OTLP JSON. The browser token of the dashboard's login URL is exchanged for the API key.
/// </summary>
public sealed class AspireTelemetryApi(HttpClient http)
{
    public static async Task<AspireTelemetryApi> ConnectAsync(Uri loginUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(loginUrl.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromSeconds(30) };
        var token = System.Web.HttpUtility.ParseQueryString(loginUrl.Query)["t"];
        if (token is not null)
        {
            using var exchange = await http.PostAsJsonAsync("api/telemetry/validateToken", new { token });
            exchange.EnsureSuccessStatusCode();
            var key = (await exchange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey");
            if (key.ValueKind == JsonValueKind.String)
            {
                http.DefaultRequestHeaders.Add("x-api-key", key.GetString());
            }
        }

        return new AspireTelemetryApi(http);
    }

    /// <summary>The names of the resources that sent telemetry.</summary>
    public async Task<IReadOnlyList<string>> ResourcesAsync() =>
        [.. (await http.GetFromJsonAsync<JsonElement>("api/telemetry/resources")).EnumerateArray().Select(r => r.GetProperty("name").GetString()!).Distinct()];

    public async Task<IReadOnlyList<DashboardSpan>> SpansAsync(string? traceId = null) =>
        [.. Records(await GetDataAsync(traceId is null ? "api/telemetry/spans" : $"api/telemetry/traces/{traceId}"), "resourceSpans", "scopeSpans", "spans")
            .Select(r => new DashboardSpan(r.Service, r.Item.GetProperty("traceId").GetString()!, r.Item.GetProperty("spanId").GetString()!,
                r.Item.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null,
                r.Item.GetProperty("name").GetString()!, r.Item.TryGetProperty("kind", out var kind) ? kind.GetInt32() : 0, Attributes(r.Item)))];

    public async Task<IReadOnlyList<DashboardLog>> LogsAsync(string traceId) =>
        [.. Records(await GetDataAsync($"api/telemetry/logs?traceId={traceId}"), "resourceLogs", "scopeLogs", "logRecords")
            .Select(r => new DashboardLog(r.Service, r.Item.TryGetProperty("traceId", out var id) ? id.GetString() : null,
                r.Item.TryGetProperty("body", out var body) ? body.GetRawText() : ""))];

    private async Task<JsonElement?> GetDataAsync(string path)
    {
        using var response = await http.GetAsync(path);
        // 404: nothing of that trace (or resource) has arrived yet.
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data") : null;
    }

    private static IEnumerable<(string Service, JsonElement Item)> Records(JsonElement? data, string resources, string scopes, string items)
    {
        if (data is not { } root || !root.TryGetProperty(resources, out var list))
        {
            yield break;
        }

        foreach (var resource in list.EnumerateArray())
        {
            var service = Attributes(resource.GetProperty("resource")).GetValueOrDefault("service.name", "?");
            foreach (var scope in resource.GetProperty(scopes).EnumerateArray())
            {
                foreach (var item in scope.GetProperty(items).EnumerateArray())
                {
                    yield return (service, item);
                }
            }
        }
    }

    private static Dictionary<string, string> Attributes(JsonElement element) =>
        element.TryGetProperty("attributes", out var attributes)
            ? attributes.EnumerateArray().GroupBy(a => a.GetProperty("key").GetString()!)
                .ToDictionary(g => g.Key, g => g.First().GetProperty("value").EnumerateObject().First().Value.ToString())
            : [];
}
