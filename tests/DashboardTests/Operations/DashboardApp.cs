using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.EmbeddedKafka;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EdaAspire.DashboardTests.Operations;

/// <summary>The whole dashboard app in-process, on the embedded Kafka cluster and a SQLite read model, in an environment of choice.</summary>
public sealed class DashboardApp(string environment, string? adminKey) : WebApplicationFactory<Program>
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private ReadModelDatabase? _database;

    public string BootstrapServers => _kafka.BootstrapServers;

    /// <summary>The read model the app reads, for a test to fill or check; there once <see cref="StartAsync"/> has run.</summary>
    public ReadModelDatabase Database => _database ?? throw new InvalidOperationException("Start the app first.");

    public async Task<DashboardApp> StartAsync()
    {
        _database = await ReadModelDatabase.CreateAsync();
        _ = Server;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:kafka", _kafka.BootstrapServers);
        builder.UseSetting("ConnectionStrings:readmodels", _database!.ConnectionString);
        builder.UseSetting("Dashboard:AdminKey", adminKey);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _kafka.Dispose();
    }
}
