extern alias saga;

using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SagaExtensions = saga::EdaAspire.Saga.Worker.Extensions;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>The real Saga.Worker host (same registrations as its Program), started and stopped by a test.</summary>
public static class SagaWorker
{
    /// <param name="settings">More configuration (e.g. the fulfillment simulators'), applied last.</param>
    public static Task<RunningHost> StartAsync(
        string kafka, string sagas, string messaging, string roles = "saga", TimeSpan? stepTimeout = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        RunningHost.StartAsync(Build(kafka, sagas, messaging, roles, stepTimeout, settings));

    /// <summary>The host, not started: a test drives one of its services by hand.</summary>
    public static IHost Build(
        string kafka, string sagas, string messaging, string roles = "saga", TimeSpan? stepTimeout = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(Settings(kafka, sagas, messaging, roles, stepTimeout));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        SagaExtensions.AddSagaWorker(builder);
        return builder.Build();
    }

    /// <summary>The configuration the tests run the worker with: these dependencies, these roles, short waits.</summary>
    public static Dictionary<string, string?> Settings(string kafka, string sagas, string messaging, string roles = "saga", TimeSpan? stepTimeout = null)
    {
        var timeout = (stepTimeout ?? TimeSpan.FromSeconds(30)).ToString("c", CultureInfo.InvariantCulture);
        return new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = kafka,
            ["ConnectionStrings:sagas"] = sagas,
            ["ConnectionStrings:messaging"] = messaging,
            ["Saga:Roles"] = roles,
            ["Saga:Timeouts:PaymentTimeout"] = timeout,
            ["Saga:Timeouts:StockTimeout"] = timeout,
            ["Saga:Timeouts:ShipmentTimeout"] = timeout,
            ["Saga:Deadlines:Interval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }
}
