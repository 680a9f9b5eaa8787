using System.Data.Common;
using EdaAspire.WorkQueue.ServiceBus;
using EdaAspire.WorkQueue.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EdaAspire.WorkQueue.Hosting;

/// <summary>
/// Picks the adapter that <c>ConnectionStrings:messaging</c> names: a SQLite <c>Data Source=…</c> is the embedded queue;
/// anything else is Azure Service Bus, read as the Aspire client integration reads it (see <see cref="ServiceBusSettings"/>:
/// the emulator's or a SAS connection string, or a namespace alone for <c>DefaultAzureCredential</c>).
/// </summary>
public sealed record WorkQueueConnection(string MessagingSystem)
{
    public const string ServiceBusSystem = ServiceBusWorkQueue.MessagingSystem;

    /// <summary>The SQLite connection string, when that adapter was picked.</summary>
    public string? SqliteConnectionString { get; init; }

    /// <summary>The Service Bus settings, when that adapter was picked.</summary>
    public ServiceBusSettings? ServiceBus { get; init; }

    /// <summary>From a connection string alone (no <c>Aspire:Azure:Messaging:ServiceBus</c> section).</summary>
    public static WorkQueueConnection Parse(string? connectionString) =>
        From(new ConfigurationBuilder().Build(), connectionString, "ConnectionStrings:messaging");

    /// <summary>From <c>ConnectionStrings:&lt;name&gt;</c> and the <c>Aspire:Azure:Messaging:ServiceBus</c> section.</summary>
    public static WorkQueueConnection FromConfiguration(IConfiguration configuration, string connectionName = "messaging")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return From(configuration, configuration.GetConnectionString(connectionName), $"ConnectionStrings:{connectionName}");
    }

    /// <summary>The bare adapter, without telemetry (<see cref="Telemetry.InstrumentedWorkQueue"/> adds it).</summary>
    public IWorkQueue Open(WorkQueueOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null) =>
        ServiceBus is { } settings
            ? settings.CreateWorkQueue(options, timeProvider, loggers)
            : new SqliteWorkQueue(SqliteConnectionString!, options, timeProvider);

    // The connection string may hold a key.
    public override string ToString() => $"{MessagingSystem} work queue connection";

    private static WorkQueueConnection From(IConfiguration configuration, string? connectionString, string connectionKey)
    {
        if (IsSqlite(connectionString))
        {
            return new WorkQueueConnection(SqliteWorkQueue.MessagingSystem) { SqliteConnectionString = connectionString };
        }

        var section = configuration.GetSection(ServiceBusSettings.SectionName);
        if (string.IsNullOrWhiteSpace(connectionString) && section[nameof(ServiceBusSettings.ConnectionString)] is null
            && section[nameof(ServiceBusSettings.FullyQualifiedNamespace)] is null)
        {
            throw new InvalidOperationException(
                $"The work queue has no connection string: set {connectionKey} to 'Data Source=<file>' (embedded) or to a Service Bus " +
                $"connection ('Endpoint=sb://…' or 'https://<ns>.servicebus.windows.net/'), or set {ServiceBusSettings.SectionName}:ConnectionString.");
        }

        return new WorkQueueConnection(ServiceBusWorkQueue.MessagingSystem)
        {
            ServiceBus = ServiceBusSettings.Read(configuration, connectionString, connectionKey),
        };
    }

    private static bool IsSqlite(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return false;
        }

        return keys.ContainsKey("Data Source") || keys.ContainsKey("DataSource") || keys.ContainsKey("Filename");
    }
}
