extern alias catalog;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>The real Catalog.Api in process on a SQLite file the test owns (the connector under test reads the same file).</summary>
public sealed class CatalogApi(string connectionString) : WebApplicationFactory<catalog::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:catalog", connectionString);
    }
}
