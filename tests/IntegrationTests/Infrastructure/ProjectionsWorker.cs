using EdaAspire.Projections.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>The real Projections.Worker host (same registrations as its Program), started and stopped by a test.</summary>
public static class ProjectionsWorker
{
    public static Task<RunningHost> StartAsync(string kafkaBootstrap, string readModels, int maxBatchSize = 1000)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = kafkaBootstrap,
            ["ConnectionStrings:readmodels"] = readModels,
            ["Projections:Clickstream:MaxBatchSize"] = maxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults();
        builder.AddProjections();
        return RunningHost.StartAsync(builder.Build());
    }
}
