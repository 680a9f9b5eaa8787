using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.IntegrationTests.Orders;

/// <summary>Orders as a shop front sends them (products and quantities, a price only when it shows one), and what the log holds of them.</summary>
public static class PricedOrders
{
    public static PlaceOrderRequest Of(params OrderLineRequest[] lines) =>
        new("customer-pricing", lines, "EUR", new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 1AA", "GB"));

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, PlaceOrderRequest order, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(order) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// Posts until the answer is <paramref name="expected"/>, e.g. while a change on topic <c>catalog</c> travels to the
    /// copy; the ceiling fails the test with the last answer. Each attempt is a new order (key-1, key-2, …): an accepted
    /// one would answer a retry under its key alike forever.
    /// </summary>
    public static async Task<HttpResponseMessage> PostUntilAsync(HttpClient client, PlaceOrderRequest order, string key, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var attempt = 1; ; attempt++)
        {
            var response = await PostAsync(client, order, $"{key}-{attempt}");
            if (response.StatusCode == expected)
            {
                return response;
            }

            var last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            response.Dispose();
            Assert.True(DateTime.UtcNow < deadline, $"Order {key} was not answered {(int)expected} within 60 s; last answer: {last}");
            await Task.Delay(100); // paces the attempts; the deadline fails the test
        }
    }

    /// <summary>The OrderPlaced of an accepted order, read from topic <c>orders</c>.</summary>
    public static async Task<OrderPlaced> PlacedAsync(HttpResponseMessage accepted, string bootstrapServers)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var orderId = (await accepted.Content.ReadFromJsonAsync<OrderAccepted>())!.OrderId;
        var probe = new KafkaProbe(bootstrapServers);
        var record = Assert.Single(probe.ReadAll(Topics.Orders, (int)probe.MessagesIn(Topics.Orders)), r => r.Message.Key == orderId.ToString());
        Assert.True(KafkaEnvelopeHeaders.TryRead(record.Message.Headers, record.Message.Value, out var envelope, out var problem), problem);
        return Assert.IsType<OrderPlaced>(OrderEventCatalog.Instance.Read(envelope.Type, envelope.Data));
    }

    /// <summary>The ProblemDetails' <c>errors</c>: field path → messages.</summary>
    public static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }
}
