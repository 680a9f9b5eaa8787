extern alias saga;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using saga::EdaAspire.Saga.Worker.Fulfillment;

namespace EdaAspire.IntegrationTests.Fulfillment;

/// <summary>The fulfillment workers alone in a generic host, on the given Kafka cluster and SQLite work queue.</summary>
public static class FulfillmentHost
{
    public static async Task<IHost> StartAsync(string kafka, string messaging, IReadOnlyDictionary<string, string?> settings)
    {
        var host = Build(kafka, messaging, settings);
        await host.StartAsync();
        return host;
    }

    /// <summary>The host not yet started; its queue, simulators and lock renewal all run on <paramref name="time"/> if given.</summary>
    public static IHost Build(string kafka, string messaging, IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["ConnectionStrings:kafka"] = kafka,
            ["ConnectionStrings:messaging"] = messaging,
            ["Logging:LogLevel:Default"] = "Warning",
            // Dead letters and retries are what these tests provoke; their warnings would only bury a real failure.
            ["Logging:LogLevel:EdaAspire.Saga.Worker.Fulfillment"] = "Error",
        });
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddServiceDefaults();
        builder.AddFulfillment();
        return builder.Build();
    }

    /// <summary>The same rates for every simulator, fast retries, no latency unless asked.</summary>
    public static Dictionary<string, string?> Settings(
        double permanentFailureRate = 0,
        double transientFailureRate = 0,
        double poisonRate = 0,
        string latency = "00:00:00",
        int maxDeliveryCount = 10)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Fulfillment:Concurrency"] = "4",
            ["Fulfillment:RetryBaseDelay"] = "00:00:00.010",
            ["Fulfillment:RetryMaxDelay"] = "00:00:00.100",
            ["WorkQueues:fulfillment:MaxDeliveryCount"] = maxDeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var simulator in FulfillmentExtensions.SimulatorNames)
        {
            settings[$"Fulfillment:{simulator}:PermanentFailureRate"] = Invariant(permanentFailureRate);
            settings[$"Fulfillment:{simulator}:TransientFailureRate"] = Invariant(transientFailureRate);
            settings[$"Fulfillment:{simulator}:PoisonRate"] = Invariant(poisonRate);
            settings[$"Fulfillment:{simulator}:Latency"] = latency;
        }

        return settings;
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
