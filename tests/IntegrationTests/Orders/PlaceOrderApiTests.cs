using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.IntegrationTests.Orders;

/// <summary><c>POST /api/orders</c>: exactly-once placement per Idempotency-Key, against a real Kafka-protocol cluster.</summary>
public sealed class PlaceOrderApiTests : IAsyncLifetime, IDisposable
{
    /// <summary>Seeded products: p-1 costs 2.50, p-2 7.50 (the client sends p-1's price, which is the catalog's).</summary>
    private static readonly PlaceOrderRequest Order = new(
        "customer-7",
        [new OrderLineRequest("p-1", 2, 2.50m), new OrderLineRequest("p-2", 1)],
        "EUR",
        new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 1AA", "GB"));

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly IngestionApi _api;
    private readonly KafkaProbe _probe;
    private HttpClient _client = null!;

    public PlaceOrderApiTests()
    {
        _api = new IngestionApi(_kafka.BootstrapServers);
        _probe = new KafkaProbe(_kafka.BootstrapServers);
    }

    public async Task InitializeAsync() => _client = await _api.CreateClientWithSeededCatalogAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> PlaceAsync(PlaceOrderRequest order, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(order) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return _client.SendAsync(request);
    }

    [Fact]
    public async Task A_placed_order_is_one_OrderPlaced_event_keyed_by_order_id_with_a_status_url_on_the_read_side()
    {
        using var response = await PlaceAsync(Order, "attempt-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<OrderAccepted>())!;
        Assert.Equal($"{IngestionApi.DashboardUrl}/api/orders/{accepted.OrderId}", accepted.StatusUrl);
        Assert.Equal(accepted.StatusUrl, response.Headers.Location?.ToString());

        var record = Assert.Single(_probe.ReadAll(Topics.Orders, expected: 1));
        Assert.Equal(accepted.OrderId.ToString(), record.Message.Key);
        Assert.True(KafkaEnvelopeHeaders.TryRead(record.Message.Headers, record.Message.Value, out var envelope, out var problem), problem);
        Assert.Equal(OrderEventCatalog.OrderPlacedType, envelope.Type);
        var placed = Assert.IsType<OrderPlaced>(OrderEventCatalog.Instance.Read(envelope.Type, envelope.Data));
        Assert.Equal(accepted.OrderId, placed.OrderId);
        Assert.Equal(12.50m, placed.Total);
        Assert.Equal([("p-1", 2, 2.50m), ("p-2", 1, 7.50m)], placed.Lines.Select(l => (l.ProductId, l.Quantity, l.UnitPrice)));
        Assert.All(placed.Lines, l => Assert.NotNull(l.CatalogVersion));
        Assert.Equal(Order.ShippingAddress, placed.ShippingAddress);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_same_answer_and_produces_nothing_new()
    {
        using var first = await PlaceAsync(Order, "attempt-2");
        using var retry = await PlaceAsync(Order, "attempt-2");

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, _probe.MessagesIn(Topics.Orders));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422()
    {
        using var first = await PlaceAsync(Order, "attempt-3");
        using var reused = await PlaceAsync(Order with { Currency = "USD" }, "attempt-3");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, _probe.MessagesIn(Topics.Orders));
    }

    [Fact]
    public async Task The_order_id_derives_from_customer_and_key()
    {
        using var a = await PlaceAsync(Order, "key-a");
        using var b = await PlaceAsync(Order, "key-b");
        using var other = await PlaceAsync(Order with { CustomerId = "customer-8" }, "key-a");

        var ids = new[] { a, b, other }.Select(r => r.Content.ReadFromJsonAsync<OrderAccepted>().Result!.OrderId).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(3, _probe.MessagesIn(Topics.Orders));
    }

    [Fact]
    public async Task Without_an_idempotency_key_or_with_bad_lines_the_answer_is_400_and_nothing_is_produced()
    {
        using var noKey = await PlaceAsync(Order, key: null);
        using var badLine = await PlaceAsync(Order with { Lines = [new OrderLineRequest("p-1", 0)] }, "attempt-4");

        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("Idempotency-Key", await ErrorFieldsAsync(noKey));
        Assert.Equal(HttpStatusCode.BadRequest, badLine.StatusCode);
        Assert.Contains("lines[0].quantity", await ErrorFieldsAsync(badLine));
        Assert.Equal(0, _probe.MessagesIn(Topics.Orders));
    }

    [Fact]
    public async Task When_kafka_is_down_the_answer_is_503_and_the_same_request_succeeds_later()
    {
        using var warmUp = await PlaceAsync(Order, "warm-up");
        _kafka.SetAllBrokersDown();

        using var during = await PlaceAsync(Order, "attempt-5");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.NotNull(during.Headers.RetryAfter);

        _kafka.SetAllBrokersUp();
        HttpResponseMessage? after = null;
        for (var attempt = 0; attempt < 40 && after?.StatusCode != HttpStatusCode.Accepted; attempt++)
        {
            after?.Dispose();
            await Task.Delay(500); // paces the retries until the API accepts again; 40 tries fail the test
            after = await PlaceAsync(Order, "attempt-5");
        }

        Assert.Equal(HttpStatusCode.Accepted, after!.StatusCode);
        var orderId = (await after.Content.ReadFromJsonAsync<OrderAccepted>())!.OrderId;
        var records = _probe.ReadAll(Topics.Orders, expected: 3);
        // A 503 answer may still have reached the log; any copy carries the same event id, which consumers dedupe.
        var copies = records.Where(r => r.Message.Key == orderId.ToString()).ToList();
        Assert.NotEmpty(copies);
        Assert.Single(copies.Select(r => System.Text.Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes("ce_id"))).Distinct());
        after.Dispose();
    }

    private static async Task<List<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
    }

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
        _kafka.Dispose();
    }
}
