extern alias ingestion;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>The real Ingestion.Api in process, producing to the given Kafka cluster, with its own SQLite database.</summary>
public sealed class IngestionApi(string kafkaBootstrap, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<ingestion::Program>
{
    private readonly TempDatabase _database = new("ingestion");
    private CatalogTopic? _catalog;

    public const string DashboardUrl = "http://dashboard.test";

    /// <summary>
    /// Publishes Catalog.Api's seed to topic <c>catalog</c> as the connector would, starts the API, and returns a client
    /// once its copy of the catalog has read it (<c>/health</c> answers 200): orders for p-1 … p-36 are priced.
    /// </summary>
    public async Task<HttpClient> CreateClientWithSeededCatalogAsync()
    {
        // Kept until the API is disposed: its publisher's meter (EdaAspire.Messaging, like the services') must not end
        // mid-test, or an in-process MeterProvider drops the metric streams it shares with the services' meters.
        _catalog ??= new CatalogTopic(kafkaBootstrap);
        await _catalog.PublishSeedAsync();

        var client = CreateClient();
        await Readiness.WaitAsync(client);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:kafka", kafkaBootstrap);
        builder.UseSetting("ConnectionStrings:ingestion", _database.ConnectionString);
        builder.UseSetting("services:dashboard:http:0", DashboardUrl);
        // Every test client is one client to the limiter; the tests of the limiter turn it back on.
        builder.UseSetting("Ingestion:RateLimit:PermitsPerSecond", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _catalog?.Dispose();
            _database.Dispose();
        }
    }
}
