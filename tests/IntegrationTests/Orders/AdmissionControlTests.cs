extern alias ingestion;

using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using ingestion::EdaAspire.Ingestion.Api.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdaAspire.IntegrationTests.Orders;

/// <summary>
/// <c>POST /api/orders</c> under admission control, with the saga's <c>/api/backlog</c> played by a real HTTP endpoint:
/// refused with 503 while the saga is too far behind (nothing produced, nothing remembered), taken again once it
/// caught up, and taken while the saga cannot be asked at all.
/// </summary>
public sealed class AdmissionControlTests : IAsyncLifetime, IDisposable
{
    /// <summary>How long ingestion may take to act on a new answer: far beyond a loaded machine's slowness.</summary>
    private static readonly TimeSpan Ceiling = TimeSpan.FromMinutes(1);

    private static readonly PlaceOrderRequest Order = new(
        "customer-admission",
        [new OrderLineRequest("p-1", 1)],
        "EUR",
        new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 1AA", "GB"));

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private SagaBacklogStub _saga = null!;
    private IngestionApi _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _saga = await SagaBacklogStub.StartAsync();
        _api = new IngestionApi(_kafka.BootstrapServers, new Dictionary<string, string?>
        {
            ["services:saga:http:0"] = _saga.Url.ToString(),
            ["Ingestion:Admission:MaxSagaLag"] = "1000",
            ["Ingestion:Admission:MaxOutboxBacklog"] = "1000",
            ["Ingestion:Admission:PollInterval"] = "00:00:00.100",
            ["Ingestion:Admission:CallTimeout"] = "00:00:00.500",
            ["Ingestion:Admission:MaxAnswerAge"] = "00:00:02",
            ["Ingestion:Admission:RetryAfter"] = "00:00:07",
        });
        _client = await _api.CreateClientWithSeededCatalogAsync();
    }

    [Fact]
    public async Task Over_the_limit_orders_get_503_and_leave_nothing_behind_and_a_retry_is_taken_once_the_saga_caught_up()
    {
        _saga.Backlog = new SagaBacklog(1_234, 0);
        await WaitForAdmissionAsync(s => s.Shedding, "shedding for the saga's lag");

        using var refused = await PlaceAsync("admission-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal(503, problem.Status);
        Assert.Contains("The order saga is 1,234 events behind (limit 1,000).", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("saga-lag", problem.Extensions["reason"]?.ToString());
        Assert.Equal(0, new KafkaProbe(_kafka.BootstrapServers).MessagesIn(Topics.Orders));
        Assert.Equal(0, await IdempotencyRecordsAsync());

        _saga.Backlog = new SagaBacklog(0, 1_500);
        await WaitForAdmissionAsync(s => s is { Shedding: true, Reason: "outbox-backlog" }, "shedding for the saga's outbox");
        using var refusedAgain = await PlaceAsync("admission-1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedAgain.StatusCode);
        Assert.Contains("1,500 messages waiting in its outbox (limit 1,000)", await refusedAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _saga.Backlog = new SagaBacklog(10, 0);
        await WaitForAdmissionAsync(s => !s.Shedding, "accepting after the saga caught up");
        using var accepted = await PlaceAsync("admission-1");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, new KafkaProbe(_kafka.BootstrapServers).MessagesIn(Topics.Orders));
        Assert.Equal(1, await IdempotencyRecordsAsync());
    }

    [Fact]
    public async Task While_the_saga_cannot_be_asked_orders_are_accepted()
    {
        _saga.Backlog = new SagaBacklog(5_000, 0);
        await WaitForAdmissionAsync(s => s.Shedding, "shedding for the saga's lag");

        await _saga.StopAsync();
        var status = await WaitForAdmissionAsync(s => !s.Shedding, "accepting once the saga's last answer is too old");
        using var accepted = await PlaceAsync("admission-2");

        Assert.Equal("saga-unreachable", status.Reason);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, new KafkaProbe(_kafka.BootstrapServers).MessagesIn(Topics.Orders));
    }

    private async Task<HttpResponseMessage> PlaceAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(Order) };
        request.Headers.Add("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }

    /// <summary>Asks <c>GET /api/admission</c> until it shows <paramref name="condition"/>: the poller acts on its own clock.</summary>
    private async Task<AdmissionStatus> WaitForAdmissionAsync(Func<AdmissionStatus, bool> condition, string what)
    {
        using var ceiling = new CancellationTokenSource(Ceiling);
        AdmissionStatus? last = null;
        while (!ceiling.IsCancellationRequested)
        {
            last = await _client.GetFromJsonAsync("/api/admission", ContractsJsonContext.Default.AdmissionStatus, CancellationToken.None);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(50, CancellationToken.None); // the next look at the condition, not a wait for an effect
        }

        throw new TimeoutException($"Ingestion was not {what} within {Ceiling.TotalSeconds} s; last: {last}.");
    }

    private async Task<int> IdempotencyRecordsAsync()
    {
        using var scope = _api.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IngestionDbContext>().OrderRequests.CountAsync();
    }

    public async Task DisposeAsync() => await _saga.DisposeAsync();

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
        _kafka.Dispose();
    }
}
