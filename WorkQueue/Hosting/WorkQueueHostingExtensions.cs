using EdaAspire.WorkQueue.ServiceBus;
using EdaAspire.WorkQueue.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdaAspire.WorkQueue.Hosting;

/// <summary>
/// Registers a named work queue from <c>ConnectionStrings:messaging</c> (and, for Service Bus, the
/// <c>Aspire:Azure:Messaging:ServiceBus</c> section), as an Aspire integration would.
/// </summary>
public static class WorkQueueHostingExtensions
{
    public const string DefaultConnectionName = "messaging";

    /// <summary>
    /// Adds the queue as a keyed <see cref="IWorkQueue"/> (key: the queue name; the first queue added is also the
    /// unkeyed one), with telemetry, a "ready" health check and the queue-depth gauge.
    /// Settings come from <c>WorkQueues:&lt;queue&gt;</c>, then <paramref name="configure"/>.
    /// </summary>
    public static IHostApplicationBuilder AddWorkQueue(
        this IHostApplicationBuilder builder,
        string queueName,
        Func<WorkQueueOptions, WorkQueueOptions>? configure = null,
        string connectionName = DefaultConnectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        if (builder.Services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IWorkQueue) && Equals(d.ServiceKey, queueName)))
        {
            return builder;
        }

        // Read and checked now, so a wrong connection string stops the service at startup, not at its first message.
        var connection = WorkQueueConnection.FromConfiguration(builder.Configuration, connectionName);
        var options = WorkQueueConfiguration.Read(builder.Configuration, queueName);
        options = configure?.Invoke(options) ?? options;
        options.Validate();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<WorkQueueTelemetry>();
        // The bare adapter is a service of its own, so the container disposes it (and a Service Bus client) at shutdown.
        var adapterKey = new AdapterKey(queueName);
        builder.Services.AddKeyedSingleton(adapterKey, (sp, _) =>
            connection.Open(options, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        builder.Services.AddKeyedSingleton<IWorkQueue>(queueName, (sp, _) =>
            new InstrumentedWorkQueue(
                sp.GetRequiredKeyedService<IWorkQueue>(adapterKey), connection.MessagingSystem, sp.GetRequiredService<WorkQueueTelemetry>()));
        builder.Services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IWorkQueue>(queueName));

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            $"workqueue-{queueName}",
            sp => sp.GetRequiredKeyedService<IWorkQueue>(adapterKey) is ServiceBusWorkQueue serviceBus
                ? new ServiceBusQueueHealthCheck(serviceBus, connection.ServiceBus?.HealthCheckQueueName ?? queueName, sp.GetRequiredService<TimeProvider>())
                : new WorkQueueHealthCheck(sp.GetRequiredKeyedService<IWorkQueue>(queueName), sp.GetRequiredService<TimeProvider>()),
            HealthStatus.Unhealthy,
            ["ready", "workqueue"]));

        builder.Services.AddSingleton<IHostedService>(sp => new QueueDepthMonitor(
            sp.GetRequiredKeyedService<IWorkQueue>(queueName),
            connection.MessagingSystem,
            sp.GetRequiredService<WorkQueueTelemetry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<QueueDepthMonitor>>()));
        return builder;
    }

    private sealed record AdapterKey(string QueueName);
}
