extern alias cdc;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using CdcExtensions = cdc::EdaAspire.ChangeCapture.Worker.Extensions;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>The real ChangeCapture.Worker host (same registrations as its Program), started by a test.</summary>
public static class ChangeCaptureWorker
{
    /// <summary>A started host, not wrapped: a test ends it gracefully or disposes it without a stop (a crash).</summary>
    public static async Task<IHost> StartAsync(string kafka, string catalog, int batchSize = 500)
    {
        var host = Build(kafka, catalog, batchSize);
        await host.StartAsync();
        return host;
    }

    /// <summary>The host, not started: its services answer what the connector's API would, with no connector running.</summary>
    public static IHost Build(string kafka, string catalog, int batchSize = 500, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = kafka,
            ["ConnectionStrings:catalog"] = catalog,
            ["ChangeCapture:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChangeCapture:PollInterval"] = "00:00:00.020",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddServiceDefaults();
        CdcExtensions.AddChangeCapture(builder);
        return builder.Build();
    }
}
