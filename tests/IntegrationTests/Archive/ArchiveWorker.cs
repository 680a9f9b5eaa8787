using EdaAspire.Projections.Worker.Archive;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace EdaAspire.IntegrationTests.Archive;

/// <summary>A host running only the archive sink, with the registrations the worker's Program makes for it.</summary>
public static class ArchiveWorker
{
    public static IHost Build(string kafkaBootstrap, string directory, int maxBatchSize = 50)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = kafkaBootstrap,
            ["Archive:Directory"] = directory,
            ["Archive:MaxBatchSize"] = maxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults();
        builder.AddArchive();
        return builder.Build();
    }
}
