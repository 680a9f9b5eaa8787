using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>The Service Bus client's settings, under the section and keys of the Aspire client integration.</summary>
public sealed class ServiceBusSettings
{
    public const string SectionName = "Aspire:Azure:Messaging:ServiceBus";

    /// <summary>A SAS or emulator connection string; wins over <see cref="FullyQualifiedNamespace"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The namespace host, reached with <c>DefaultAzureCredential</c>.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>The queue the health check peeks; the work queue's own when not set.</summary>
    public string? HealthCheckQueueName { get; set; }

    /// <summary>Leaves the SDK's own spans (<c>Azure.Messaging.ServiceBus.*</c>) off.</summary>
    public bool DisableTracing { get; set; }

    /// <summary>Transport, identifier and <c>RetryOptions</c>: the SDK retries transient errors itself.</summary>
    public ServiceBusClientOptions ClientOptions { get; } = new();

    /// <summary>The entity a connection string named (Aspire adds <c>EntityPath</c> for a queue resource).</summary>
    public string? EntityPath { get; internal set; }

    /// <summary><c>UseDevelopmentEmulator=true</c>: the emulator has no management operations.</summary>
    public bool IsDevelopmentEmulator { get; internal set; }

    /// <summary>The configuration key the connection came from, named in errors instead of its value.</summary>
    public string Source { get; internal set; } = SectionName;

    /// <summary>Binds the section, then <c>ConnectionStrings:&lt;name&gt;</c> overrides it, as in Aspire; checked at once.</summary>
    public static ServiceBusSettings Read(IConfiguration configuration, string? connectionString, string connectionKey)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new ServiceBusSettings();
        configuration.GetSection(SectionName).Bind(settings); // ClientOptions too: the binder fills the existing object
        settings.Source = $"{SectionName}:{(settings.ConnectionString is null && settings.FullyQualifiedNamespace is not null ? nameof(FullyQualifiedNamespace) : nameof(ConnectionString))}";
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            (settings.ConnectionString, settings.FullyQualifiedNamespace, settings.Source) = (connectionString, null, connectionKey);
        }

        ServiceBusConnectionString.Normalize(settings);
        return settings;
    }

    /// <summary>The adapter on a new client: by key, or by <c>DefaultAzureCredential</c>; counts except on the emulator.</summary>
    public ServiceBusWorkQueue CreateWorkQueue(WorkQueueOptions options, TimeProvider? timeProvider, ILoggerFactory? loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (EntityPath is { } entity && !string.Equals(entity, options.QueueName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Source} names the entity '{entity}', but the work queue is '{options.QueueName}'.");
        }

        var logger = loggers?.CreateLogger<ServiceBusWorkQueue>();
        if (ConnectionString is { } connectionString)
        {
            return new ServiceBusWorkQueue(new ServiceBusClient(connectionString, ClientOptions),
                IsDevelopmentEmulator ? null : new ServiceBusAdministrationClient(connectionString), options, timeProvider, logger);
        }

        var credential = new DefaultAzureCredential();
        return new ServiceBusWorkQueue(new ServiceBusClient(FullyQualifiedNamespace, credential, ClientOptions),
            new ServiceBusAdministrationClient(FullyQualifiedNamespace, credential), options, timeProvider, logger);
    }
}
