using System.Net;
using System.Net.Sockets;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>A worker without an HTTP server answers /health and /alive on the port HealthChecks:Port names.</summary>
public sealed class WorkerHealthTests : IDisposable
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _sagas = new("sagas");
    private readonly TempDatabase _messaging = new("messaging");

    [Fact]
    public async Task The_saga_worker_checks_each_dependency_and_answers_probes_on_its_health_port()
    {
        var port = FreePort();
        await using var worker = await SagaWorker.StartAsync(_kafka.BootstrapServers, _sagas.ConnectionString, _messaging.ConnectionString,
            roles: "saga,fulfillment", settings: new Dictionary<string, string?>
            {
                ["HealthChecks:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["HealthChecks:Host"] = "127.0.0.1",
            });

        // One check per dependency: Kafka, the saga's SQL database, the work queue (and "self" for liveness).
        var checks = worker.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(checks, c => c.Tags.Contains("kafka"));
        Assert.Contains(checks, c => c.Tags.Contains("sql") && c.Name == "sagas");
        Assert.Contains(checks, c => c.Tags.Contains("workqueue") && c.Name == "workqueue-fulfillment");
        Assert.Contains(checks, c => c.Tags.Contains("live"));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        using var health = await http.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        using var alive = await http.GetAsync("alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        using var other = await http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _kafka.Dispose();
        _sagas.Dispose();
        _messaging.Dispose();
    }
}
