using System.Net.Http.Headers;
using EdaAspire.Contracts;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static EdaAspire.Tests.HostileInput.HostileRun;

namespace EdaAspire.IntegrationTests.HostileInput;

/// <summary>
/// Property: every malformed, oversized or mistyped request to an ingestion endpoint is refused with a 4xx
/// ProblemDetails — never a 5xx — and nothing reaches Kafka. The requests are generated (FsCheck), each breaking
/// one rule of an otherwise valid request; the seed is printed so a failure can be replayed.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IDisposable
{
    private const int RequestsPerEndpoint = 10_000;

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();

    [Theory]
    [InlineData("/api/clickstream")]
    [InlineData("/api/orders")]
    public async Task Every_hostile_request_gets_a_4xx_problem_and_nothing_is_produced(string endpoint)
    {
        var generator = endpoint == "/api/orders" ? HostileOrders.Requests : HostileClickstream.Requests;
        var seed = Seed();
        output.WriteLine($"seed {seed} (HOSTILE_SEED={seed} replays it)");
        var requests = Sample(generator, RequestsPerEndpoint, seed);

        using var api = new IngestionApi(_kafka.BootstrapServers);
        // The catalog holds the products, so a request is refused for its flaw, not for an unknown product.
        using var client = await api.CreateClientWithSeededCatalogAsync();
        var statuses = new Dictionary<int, int>();
        foreach (var request in requests)
        {
            var status = await SendAsync(client, endpoint, request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        output.WriteLine($"{requests.Count} requests to {endpoint}: {Statuses(statuses)}");
        output.WriteLine("flaws: " + FlawKinds(requests.Select(r => r.Flaw)));
        var probe = new KafkaProbe(_kafka.BootstrapServers);
        Assert.Equal(0, probe.MessagesIn(Topics.Clickstream) + probe.MessagesIn(Topics.Orders));
    }

    /// <summary>Sends one request and checks its answer; returns the status code.</summary>
    private static async Task<int> SendAsync(HttpClient client, string endpoint, HostileRequest hostile)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(hostile.Body) };
        if (hostile.ContentType.Length > 0)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType);
        }

        if (hostile.IdempotencyKey is { } key)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500, $"{status} for {hostile}: {body}");
        AssertProblem(status, response.Content.Headers.ContentType?.MediaType, body, $"{status} for {hostile}");
        return status;
    }

    public void Dispose() => _kafka.Dispose();
}
