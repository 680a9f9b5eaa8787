using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.IntegrationTests.Clickstream;

/// <summary><c>POST /api/clickstream</c> against a real Kafka-protocol cluster.</summary>
public sealed class ClickstreamApiTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly IngestionApi _api;
    private readonly HttpClient _client;
    private readonly KafkaProbe _probe;

    public ClickstreamApiTests()
    {
        _api = new IngestionApi(_kafka.BootstrapServers);
        _client = _api.CreateClient();
        _probe = new KafkaProbe(_kafka.BootstrapServers);
    }

    private static ClickEvent Click(string session, string type = ClickEventTypes.PageViewed) =>
        new(type, session, null, ClickEventTypes.ProductScoped.Contains(type) ? "p-1" : null, null, "/", Now);

    [Fact]
    public async Task Accepted_events_are_in_kafka_keyed_by_session_as_cloudevents()
    {
        var events = new[] { Click("s-1"), Click("s-2", ClickEventTypes.AddedToCart), Click("s-1", ClickEventTypes.ProductViewed) };

        using var response = await _client.PostAsJsonAsync("/api/clickstream", new ClickstreamBatch(events));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<ClickstreamAccepted>())!.Accepted);

        var records = _probe.ReadAll(Topics.Clickstream, expected: 3);
        Assert.Equal(["s-1", "s-1", "s-2"], records.Select(r => r.Message.Key).Order());
        foreach (var record in records)
        {
            Assert.True(KafkaEnvelopeHeaders.TryRead(record.Message.Headers, record.Message.Value, out var envelope, out var problem), problem);
            var click = JsonSerializer.Deserialize(envelope.Data.Span, ContractsJsonContext.Default.ClickEvent)!;
            Assert.Equal(ClickEventTypes.CloudEventType(click.Type), envelope.Type);
            Assert.Equal(record.Message.Key, click.SessionId);
            Assert.Equal(click.SessionId, envelope.Subject);
            Assert.True(Guid.TryParse(envelope.Id, out _));
        }

        // Same session, same partition: its events keep their order.
        Assert.Single(records.Where(r => r.Message.Key == "s-1").Select(r => r.Partition.Value).Distinct());
    }

    [Fact]
    public async Task An_invalid_event_rejects_the_whole_batch_naming_field_and_index_and_produces_nothing()
    {
        var events = new[] { Click("s-1"), Click("s-2") with { Url = "" }, Click("s-3", ClickEventTypes.AddedToCart) with { ProductId = null } };

        using var response = await _client.PostAsJsonAsync("/api/clickstream", new ClickstreamBatch(events));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["events[1].url", "events[2].productId"], fields);
        Assert.Equal(0, _probe.MessagesIn(Topics.Clickstream));
    }

    [Theory]
    [InlineData("{\"events\": [ {\"type\": \"page_viewed\", \"sessionId\": \"s\", \"url\": \"/\", \"timestamp\": \"yesterday\"} ]}", "events[0].timestamp")]
    [InlineData("{\"events\": [ {\"type\": 7} ]}", "events[0].type")]
    [InlineData("{\"events\": ", "body")]
    [InlineData("[]", "body")]
    [InlineData("", "body")]
    public async Task Malformed_json_is_a_400_naming_where_it_broke(string body, string expectedField)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/clickstream", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(expectedField, out _), problem.RootElement.ToString());
        Assert.Equal(0, _probe.MessagesIn(Topics.Clickstream));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var huge = Enumerable.Range(0, 1000).Select(i => Click($"s-{i}") with { Url = "/" + new string('x', 2000) }).ToArray();

        using var response = await _client.PostAsJsonAsync("/api/clickstream", new ClickstreamBatch(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, _probe.MessagesIn(Topics.Clickstream));
    }

    [Fact]
    public async Task With_every_broker_down_the_answer_is_a_quick_503_with_retry_after()
    {
        await _client.PostAsJsonAsync("/api/clickstream", new ClickstreamBatch([Click("warm-up")]));
        _kafka.SetAllBrokersDown();

        // An answer at all within the client's 100 s timeout shows the producer's message timeout bounded the wait,
        // not librdkafka's default of 300 s.
        using var response = await _client.PostAsJsonAsync("/api/clickstream", new ClickstreamBatch([Click("s-1")]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Publishes_an_openapi_document_describing_the_endpoint()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));

        var post = document.RootElement.GetProperty("paths").GetProperty("/api/clickstream").GetProperty("post");
        Assert.True(post.GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(post.TryGetProperty("requestBody", out _));
    }

    [Fact]
    public async Task Health_reports_kafka_and_the_catalog_copy_healthy_once_the_copy_read_its_topic()
    {
        // Ready only once the catalog's subscription was assigned and read topic 'catalog' (empty here) to its end.
        await Readiness.WaitAsync(_client);
        using var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
        _kafka.Dispose();
    }
}
