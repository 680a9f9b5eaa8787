using EdaAspire.EmbeddedKafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace EdaAspire.AppHost.Embedded.Kafka;

public static class EmbeddedKafkaBuilderExtensions
{
    private const string TakeDown = "kafka-brokers-down";
    private const string BringUp = "kafka-brokers-up";

    /// <summary>
    /// An in-memory Kafka cluster (librdkafka's mock cluster) with the topics of <c>Contracts.Topics</c>: started with the
    /// AppHost, stopped with it, healthy while its brokers answer, and two dashboard commands that take every broker down
    /// and bring them back (an outage at the click of a button).
    /// </summary>
    public static IResourceBuilder<EmbeddedKafkaResource> AddEmbeddedKafka(this IDistributedApplicationBuilder builder, string name)
    {
        var kafka = new EmbeddedKafkaResource(name);
        var healthCheckKey = $"{name}_metadata";

        // Created by the container, so both are disposed with it when the AppHost stops.
        builder.Services.AddSingleton(_ => kafka);
        builder.Services.AddSingleton(_ => new EmbeddedKafkaHealthCheck(kafka));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, sp => sp.GetRequiredService<EmbeddedKafkaHealthCheck>(), failureStatus: null, tags: null));

        return builder.AddResource(kafka)
            .ExcludeFromManifest()
            .WithIconName("DatabaseStack")
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Kafka (in memory)",
                State = KnownResourceStates.NotStarted,
                Properties = [new(CustomResourceKnownProperties.Source, "librdkafka mock cluster")],
            })
            .WithHealthCheck(healthCheckKey)
            .OnInitializeResource(StartAsync)
            .WithCommand(TakeDown, "Take brokers down", context => SetBrokersAsync(context, kafka, up: false), new CommandOptions
            {
                Description = "Every broker refuses connections until brought up again: producers get 503s, consumers wait.",
                ConfirmationMessage = "Take every Kafka broker down?",
                IconName = "PlugDisconnected",
                UpdateState = _ => kafka.BrokersUp ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            })
            .WithCommand(BringUp, "Bring brokers up", context => SetBrokersAsync(context, kafka, up: true), new CommandOptions
            {
                Description = "The brokers accept connections again; clients reconnect and resume.",
                IconName = "PlugConnected",
                UpdateState = _ => kafka.BrokersUp ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            });
    }

    private static async Task StartAsync(EmbeddedKafkaResource kafka, InitializeResourceEvent @event, CancellationToken cancellationToken)
    {
        await @event.Eventing.PublishAsync(new BeforeResourceStartedEvent(kafka, @event.Services), cancellationToken);
        try
        {
            @event.Services.GetRequiredService<EmbeddedKafkaResource>(); // the container now owns its disposal
            var cluster = kafka.Start(new KafkaMockClusterOptions());
            @event.Logger.LogInformation("librdkafka mock cluster: {Brokers} brokers at {Bootstrap}", cluster.BrokerCount, cluster.BootstrapServers);
            foreach (var topic in Contracts.Topics.All)
            {
                @event.Logger.LogInformation("Topic {Topic}: {Partitions} partitions", topic.Name, topic.Partitions);
            }

            await @event.Notifications.PublishUpdateAsync(kafka, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Properties = WithProperty(s.Properties, "kafka.bootstrap", cluster.BootstrapServers),
            });
            await @event.Eventing.PublishAsync(new ConnectionStringAvailableEvent(kafka, @event.Services), cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
        {
            @event.Logger.LogError(ex, "librdkafka's mock cluster did not start");
            await @event.Notifications.PublishUpdateAsync(kafka, s => s with { State = KnownResourceStates.FailedToStart });
        }
    }

    private static async Task<ExecuteCommandResult> SetBrokersAsync(ExecuteCommandContext context, EmbeddedKafkaResource kafka, bool up)
    {
        kafka.SetBrokersUp(up);
        var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(kafka);
        if (up)
        {
            logger.LogWarning("Brokers up: clients reconnect");
        }
        else
        {
            logger.LogWarning("Brokers down: every connection is refused");
        }

        // A new snapshot re-evaluates which of the two commands is enabled.
        await context.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(kafka, s => s with
        {
            Properties = WithProperty(s.Properties, "kafka.brokers", up ? "up" : "down"),
        });
        return CommandResults.Success();
    }

    private static System.Collections.Immutable.ImmutableArray<ResourcePropertySnapshot> WithProperty(
        System.Collections.Immutable.ImmutableArray<ResourcePropertySnapshot> properties, string name, string value) =>
        [.. properties.Where(p => p.Name != name), new(name, value)];
}
