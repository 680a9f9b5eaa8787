extern alias ingestion;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>The real Ingestion.Api in process, producing to the given Kafka cluster.</summary>
public sealed class IngestionApi(string kafkaBootstrap) : WebApplicationFactory<ingestion::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:kafka", kafkaBootstrap);
    }
}
