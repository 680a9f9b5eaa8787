using System.Net.Http.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Web.Dashboard.Admin.LoadGeneration;

/// <summary>
/// Ingestion.Api as the load generator calls it: base address <c>http://ingestion</c>, resolved by service discovery
/// from <c>services:ingestion:http:0</c> (what Aspire and the standalone host set).
/// </summary>
public sealed class IngestionClient(HttpClient http)
{
    public const string BaseAddress = "http://ingestion";

    /// <returns>True when the order was accepted (202).</returns>
    public async Task<bool> PlaceOrderAsync(PlaceOrderRequest order, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders")
        {
            Content = JsonContent.Create(order, ContractsJsonContext.Default.PlaceOrderRequest),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <returns>How many events Ingestion.Api accepted (0 when it refused the batch).</returns>
    public async Task<int> PostClicksAsync(ClickstreamBatch batch, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/clickstream", batch, ContractsJsonContext.Default.ClickstreamBatch, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }

        var accepted = await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.ClickstreamAccepted, cancellationToken);
        return accepted?.Accepted ?? 0;
    }
}
