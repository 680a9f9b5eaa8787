using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;

namespace EdaAspire.IntegrationTests.Security;

/// <summary>API keys and the per-client rate limit of Ingestion.Api, over HTTP against the embedded Kafka cluster.</summary>
public sealed class IngestionSecurityTests : IDisposable
{
    private const string ShopKey = "shop-key-0123456789";
    private const string PartnerKey = "partner-key-9876543210";

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();

    private static ClickstreamBatch OneClick() =>
        new([new ClickEvent(ClickEventTypes.PageViewed, "s-1", null, null, null, "/", DateTimeOffset.UtcNow)]);

    private static HttpRequestMessage Post(string? apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/clickstream") { Content = JsonContent.Create(OneClick()) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return request;
    }

    private static async Task<int> StatusOfAsync(HttpClient client, string? apiKey)
    {
        using var request = Post(apiKey);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task With_keys_configured_only_a_valid_key_gets_in_and_a_refusal_is_a_401_problem_that_produces_nothing()
    {
        using var api = new IngestionApi(_kafka.BootstrapServers, new Dictionary<string, string?>
        {
            ["Ingestion:ApiKeys:shop"] = ShopKey,
            ["Ingestion:ApiKeys:partner:0"] = PartnerKey, // a client mid-rotation has several keys
            ["Ingestion:ApiKeys:partner:1"] = PartnerKey + "-next",
        });
        using var client = api.CreateClient();

        foreach (var wrong in new string?[] { null, "", ShopKey[..^1], ShopKey + "x", ShopKey.ToUpperInvariant(), new string('x', 4096) })
        {
            using var request = Post(wrong);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        }

        Assert.Equal(0, new KafkaProbe(_kafka.BootstrapServers).MessagesIn(Topics.Clickstream));
        Assert.Equal(202, await StatusOfAsync(client, ShopKey));
        Assert.Equal(202, await StatusOfAsync(client, PartnerKey));
        Assert.Equal(202, await StatusOfAsync(client, PartnerKey + "-next"));
        Assert.Equal(3, new KafkaProbe(_kafka.BootstrapServers).MessagesIn(Topics.Clickstream));

        // Probes stay open for the platform.
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.Unauthorized, health.StatusCode);
    }

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_retry_after_while_another_client_is_served()
    {
        using var api = new IngestionApi(_kafka.BootstrapServers, new Dictionary<string, string?>
        {
            ["Ingestion:ApiKeys:shop"] = ShopKey,
            ["Ingestion:ApiKeys:partner"] = PartnerKey,
            ["Ingestion:RateLimit:PermitsPerSecond"] = "1",
            ["Ingestion:RateLimit:Burst"] = "3",
        });
        using var client = api.CreateClient();

        // Twenty at once: the limiter admits each on arrival, before any reaches Kafka, so however slow the machine,
        // the burst of three passes and the rest find the bucket empty (a token comes back per second).
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var request = Post(ShopKey);
            using var response = await client.SendAsync(request);
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.Delta);
        }));

        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Accepted) >= 3, $"The burst did not pass: {string.Join(", ", answers.Select(a => (int)a.StatusCode))}");
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.Accepted).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode);
            Assert.Equal("application/problem+json", a.MediaType);
            Assert.True(a.Delta >= TimeSpan.FromSeconds(1));
        });

        Assert.Equal(202, await StatusOfAsync(client, PartnerKey)); // its own bucket
    }

    public void Dispose() => _kafka.Dispose();
}
