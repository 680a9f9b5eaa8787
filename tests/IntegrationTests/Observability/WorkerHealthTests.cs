extern alias saga;

using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>
/// A worker serves /health and /alive through ASP.NET Core as its Program maps them, outside Development too when
/// the AppHost exposes them (<c>HealthChecks:Expose</c>); the saga also answers its outbox backlog.
/// </summary>
public sealed class WorkerHealthTests : IDisposable
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _sagas = new("sagas");
    private readonly TempDatabase _messaging = new("messaging");

    [Fact]
    public async Task The_saga_worker_checks_each_dependency_and_answers_probes_its_outbox_backlog_and_its_backlog()
    {
        await using var worker = new SagaWorkerHost(SagaWorker.Settings(_kafka.BootstrapServers, _sagas.ConnectionString, _messaging.ConnectionString, roles: "saga,fulfillment"));
        using var http = worker.CreateClient();

        // One check per dependency: Kafka, the saga's SQL database, the work queue (and "self" for liveness).
        var checks = worker.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(checks, c => c.Tags.Contains("kafka"));
        Assert.Contains(checks, c => c.Tags.Contains("sql") && c.Name == "sagas");
        Assert.Contains(checks, c => c.Tags.Contains("workqueue") && c.Name == "workqueue-fulfillment");
        Assert.Contains(checks, c => c.Tags.Contains("live"));

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        using var alive = await http.GetAsync(new Uri("/alive", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        using var other = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        var outbox = await http.GetFromJsonAsync(new Uri("/api/outbox", UriKind.Relative), ContractsJsonContext.Default.SagaOutboxStatus);
        Assert.Equal(0, outbox?.Backlog);
        var backlog = await http.GetFromJsonAsync(new Uri("/api/backlog", UriKind.Relative), ContractsJsonContext.Default.SagaBacklog);
        Assert.Equal(0, backlog?.OutboxBacklog);
        Assert.True(backlog?.OrdersLag is null or >= 0, $"lag {backlog?.OrdersLag}");
    }

    [Fact]
    public async Task A_fulfillment_only_worker_answers_probes_but_has_no_outbox_and_no_backlog()
    {
        await using var worker = new SagaWorkerHost(SagaWorker.Settings(_kafka.BootstrapServers, _sagas.ConnectionString, _messaging.ConnectionString, roles: "fulfillment"));
        using var http = worker.CreateClient();

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var outbox = await http.GetAsync(new Uri("/api/outbox", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, outbox.StatusCode);
        using var backlog = await http.GetAsync(new Uri("/api/backlog", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, backlog.StatusCode);
    }

    public void Dispose()
    {
        _kafka.Dispose();
        _sagas.Dispose();
        _messaging.Dispose();
    }

    /// <summary>Saga.Worker as its Program builds it, outside Development, with the probes exposed as the AppHost does.</summary>
    private sealed class SagaWorkerHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<saga::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("HealthChecks:Expose", "true");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
