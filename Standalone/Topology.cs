using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace EdaAspire.Standalone;

/// <summary>
/// The system as Aspire's AppHost composes it, on embedded infrastructure: each service gets exactly the
/// variables Aspire would inject (<c>ConnectionStrings__*</c>, <c>services__*</c>, <c>OTEL_*</c>), pointing
/// at the mock Kafka cluster and SQLite files instead of containers.
/// </summary>
public static class Topology
{
    public static IReadOnlyList<ServiceDefinition> Build(StandaloneOptions options, string kafkaBootstrap, string dataPath)
    {
        var ingestionUrl = new Uri($"http://127.0.0.1:{FreeIfZero(options.IngestionPort)}");
        var dashboardUrl = new Uri($"http://127.0.0.1:{FreeIfZero(options.DashboardPort)}");
        var ingestionDb = Sqlite(dataPath, "ingestion");
        var readModels = Sqlite(dataPath, "readmodels");
        var sagas = Sqlite(dataPath, "sagas");
        var messaging = Sqlite(dataPath, "messaging");

        return
        [
            Service("ingestion", "Ingestion.Api", options, ingestionUrl, new()
            {
                ["ConnectionStrings__kafka"] = kafkaBootstrap,
                ["ConnectionStrings__ingestion"] = ingestionDb,
                // Order status lives on the read side; the 202 points there.
                ["services__dashboard__http__0"] = dashboardUrl.ToString().TrimEnd('/'),
            }),
            Service("projections", "Projections.Worker", options, null, new()
            {
                ["ConnectionStrings__kafka"] = kafkaBootstrap,
                ["ConnectionStrings__readmodels"] = readModels,
                // Files that follow the log live with the fresh databases, never beside a log they did not come from.
                ["Archive__Directory"] = Path.Combine(dataPath, "archive"),
                ["Notifications__Email__PickupDirectory"] = Path.Combine(dataPath, "notifications", "email", "pickup"),
                ["Notifications__Email__CustomersFile"] = Path.Combine(dataPath, "notifications", "email", "customers.txt"),
                ["Notifications__Sms__OutboxFile"] = Path.Combine(dataPath, "notifications", "sms", "outbox.txt"),
                ["Notifications__Sms__CustomersFile"] = Path.Combine(dataPath, "notifications", "sms", "customers.txt"),
            }),
            Service("saga", "Saga.Worker", options, null, new()
            {
                ["ConnectionStrings__kafka"] = kafkaBootstrap,
                ["ConnectionStrings__sagas"] = sagas,
                ["ConnectionStrings__messaging"] = messaging,
            }),
            Service("dashboard", "Web.Dashboard", options, dashboardUrl, new()
            {
                ["ConnectionStrings__kafka"] = kafkaBootstrap,
                ["ConnectionStrings__readmodels"] = readModels,
                ["ConnectionStrings__messaging"] = messaging,
                // Read only, for the overview's outbox backlog: the saga owns the database.
                ["ConnectionStrings__sagas"] = sagas,
                ["services__ingestion__http__0"] = ingestionUrl.ToString().TrimEnd('/'),
            }),
        ];
    }

    private static ServiceDefinition Service(string name, string project, StandaloneOptions options, Uri? url, Dictionary<string, string> environment)
    {
        environment["DOTNET_ENVIRONMENT"] = "Development";
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["OTEL_SERVICE_NAME"] = name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={name}-{Environment.ProcessId}";
        // One line per log entry, so the prefixed stream stays readable.
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        // librdkafka's mock cluster answers a fetch that found nothing only after the whole fetch.wait.max.ms, and a
        // producer's write does not cut that wait short as on a real broker: every hop of an event would wait up to
        // the configured 100 ms. A short wait keeps the embedded system's latency near a real cluster's.
        environment["Kafka__Consumer__fetch.wait.max.ms"] = "10";
        if (options.OtlpEndpoint is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = options.OtlpProtocol;
            // What Aspire sets in Development: export every second, not every 5-60 s.
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        }

        if (url is not null)
        {
            environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        }

        return new ServiceDefinition(name, AssemblyPath(project), environment, url);
    }

    private static string Sqlite(string dataPath, string database) => $"Data Source={Path.Combine(dataPath, database + ".db")}";

    /// <summary>The entry assembly of a service, as recorded at build time (see Standalone.csproj).</summary>
    private static string AssemblyPath(string project) =>
        typeof(Topology).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == $"service:{project}")?.Value
        ?? throw new InvalidOperationException($"The build did not record where {project} is; rebuild the Standalone project.");

    private static int FreeIfZero(int port)
    {
        if (port != 0)
        {
            return port;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
