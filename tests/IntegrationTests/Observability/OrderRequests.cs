using System.Net;
using System.Text;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>Places one order over HTTP, as a shop front would, and reads its id from the 202's Location.</summary>
public static class OrderRequests
{
    public static async Task<Guid> PlaceAsync(HttpClient http, Uri ordersEndpoint, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ordersEndpoint)
        {
            Content = new StringContent("""
                {"customerId":"c-traced","currency":"EUR","lines":[{"productId":"p-1","quantity":2}],
                 "shippingAddress":{"name":"Ada","line1":"1 Way","city":"London","postalCode":"N1","country":"GB"}}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }
}
