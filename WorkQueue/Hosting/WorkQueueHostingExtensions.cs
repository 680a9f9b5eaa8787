using EdaAspire.WorkQueue.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdaAspire.WorkQueue.Hosting;

/// <summary>Registers a named work queue from <c>ConnectionStrings:messaging</c>, as an Aspire integration would.</summary>
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
        var connection = WorkQueueConnection.Parse(builder.Configuration.GetConnectionString(connectionName));
        var options = WorkQueueConfiguration.Read(builder.Configuration, queueName);
        options = configure?.Invoke(options) ?? options;
        options.Validate();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddKeyedSingleton<IWorkQueue>(queueName, (sp, _) =>
            new InstrumentedWorkQueue(
                connection.Open(options, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()), connection.MessagingSystem));
        builder.Services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IWorkQueue>(queueName));

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            $"workqueue-{queueName}",
            sp => new WorkQueueHealthCheck(sp.GetRequiredKeyedService<IWorkQueue>(queueName)),
            HealthStatus.Unhealthy,
            ["ready", "workqueue"]));

        builder.Services.AddSingleton<IHostedService>(sp => new QueueDepthMonitor(
            sp.GetRequiredKeyedService<IWorkQueue>(queueName),
            connection.MessagingSystem,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<QueueDepthMonitor>>()));
        return builder;
    }
}
