using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdaAspire.Messaging.Kafka;

/// <summary>Registers Kafka clients from <c>ConnectionStrings:kafka</c>, as Aspire's Kafka integration would.</summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>The idempotent producer, <see cref="EventPublisher"/> and the Kafka health check.</summary>
    public static IHostApplicationBuilder AddKafkaPublisher(this IHostApplicationBuilder builder, string connectionName = KafkaClientConfig.DefaultConnectionName)
    {
        // Several features of one process may ask for it; one producer serves them all.
        if (builder.Services.Any(d => d.ServiceType == typeof(EventPublisher)))
        {
            return builder;
        }

        builder.Services.AddSingleton<BrokerAvailability>();
        builder.Services.TryAddSingleton<MessagingTelemetry>();
        builder.Services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("EdaAspire.Messaging.Kafka.Producer");
            var brokers = sp.GetRequiredService<BrokerAvailability>();
            return new ProducerBuilder<string, byte[]>(KafkaClientConfig.Producer(builder.Configuration, connectionName))
                .SetLogHandler((_, message) => LibrdkafkaLog.Write(logger, message))
                .SetErrorHandler((_, error) =>
                {
                    if (error.Code == ErrorCode.Local_AllBrokersDown)
                    {
                        brokers.ReportAllBrokersDown();
                    }

                    LibrdkafkaLog.Write(logger, error);
                })
                .SetStatisticsHandler((_, json) => brokers.ReportStatistics(json))
                .Build();
        });
        builder.Services.AddSingleton<EventPublisher>();
        builder.AddKafkaAdmin(connectionName);
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<KafkaTopicProvisioner>(
            sp, sp.GetRequiredKeyedService<IAdminClient>(AdminKey(connectionName)), Topics.All));
        return builder;
    }

    /// <summary>A consumer-group member feeding whole batches to <typeparamref name="THandler"/>, with checkpoints in <typeparamref name="TCheckpoints"/>.</summary>
    /// <param name="name">The subscription: its checkpoints' name and its named <see cref="KafkaSubscriptionOptions"/>.</param>
    /// <param name="section">The configuration section that overrides <paramref name="defaults"/>.</param>
    public static IHostApplicationBuilder AddKafkaSubscription<THandler, TCheckpoints>(
        this IHostApplicationBuilder builder, string name, string section, Action<KafkaSubscriptionOptions> defaults)
        where THandler : class, IBatchHandler
        where TCheckpoints : class, ICheckpointStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped<THandler>();
        builder.Services.TryAddScoped<TCheckpoints>();
        return builder.AddKafkaSubscription(name, section, defaults, sp => sp.GetRequiredService<THandler>(), sp => sp.GetRequiredService<TCheckpoints>());
    }

    /// <summary>
    /// A consumer-group member feeding <typeparamref name="THandler"/> the messages <paramref name="read"/> understands
    /// (unknown types skipped and counted); its position is the group's committed offset (<see cref="KafkaCommittedOffsets"/>).
    /// </summary>
    public static IHostApplicationBuilder AddKafkaSubscription<THandler, T>(
        this IHostApplicationBuilder builder, string name, string section, Action<KafkaSubscriptionOptions> defaults, MessageReader<T> read)
        where THandler : class, IMessageHandler<T>
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped<THandler>();
        builder.AddKafkaSubscription(
            name,
            section,
            defaults,
            sp => new MessageHandlerStep<THandler, T>(
                sp.GetRequiredService<THandler>(), read, sp.KafkaSubscriptionOptions(name).GroupId, sp.GetRequiredService<MessagingTelemetry>(),
                sp.GetRequiredService<ILogger<THandler>>()),
            _ => new KafkaCommittedOffsets());
        builder.Services.PostConfigure<KafkaSubscriptionOptions>(name, o => o.WithoutCheckpoint = StartPosition.Committed);
        return builder;
    }

    /// <summary>
    /// The subscription itself: its options named <paramref name="name"/> (<paramref name="defaults"/>, then
    /// <paramref name="section"/>, validated at start); <paramref name="handler"/> and <paramref name="checkpoints"/> are
    /// resolved in each batch's scope.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaSubscription(
        this IHostApplicationBuilder builder,
        string name,
        string section,
        Action<KafkaSubscriptionOptions> defaults,
        Func<IServiceProvider, IBatchHandler> handler,
        Func<IServiceProvider, ICheckpointStore> checkpoints,
        string connectionName = KafkaClientConfig.DefaultConnectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(defaults);
        builder.Services.AddOptions<KafkaSubscriptionOptions>(name)
            .Configure(o =>
            {
                o.Name = name;
                defaults(o);
            })
            .BindConfiguration(section)
            .PostConfigure(o => o.ConnectionName = connectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<SubscriptionRewinds>();
        // Parking a poison record in its dead-letter topic needs a producer.
        builder.AddKafkaPublisher(connectionName);
        builder.Services.TryAddSingleton<DeadLetterTopic>();
        builder.Services.TryAddSingleton<ConsumerLag>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IHostedService>(sp =>
            ActivatorUtilities.CreateInstance<KafkaSubscription>(sp, sp.KafkaSubscriptionOptions(name), handler, checkpoints));
        return builder.AddKafkaAdmin(connectionName);
    }

    /// <summary>The options of the subscription named <paramref name="name"/>.</summary>
    public static KafkaSubscriptionOptions KafkaSubscriptionOptions(this IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<KafkaSubscriptionOptions>>().Get(name);

    /// <summary>Follows <paramref name="topic"/> whole in this process with <typeparamref name="THandler"/> (see <see cref="BroadcastSubscription{THandler}"/>).</summary>
    public static IHostApplicationBuilder AddBroadcastSubscription<THandler>(this IHostApplicationBuilder builder, string topic)
        where THandler : class, IBroadcastHandler
    {
        builder.Services.TryAddScoped<THandler>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<BroadcastProgress>();
        builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<BroadcastSubscription<THandler>>(sp, topic));
        return builder;
    }

    /// <summary>One admin client per connection, keyed by it, and the health check that uses it.</summary>
    private static IHostApplicationBuilder AddKafkaAdmin(this IHostApplicationBuilder builder, string connectionName)
    {
        var key = AdminKey(connectionName);
        if (builder.Services.Any(d => d.IsKeyedService && d.ServiceKey as string == key))
        {
            return builder;
        }

        builder.Services.AddKeyedSingleton(key, (_, _) => new AdminClientBuilder(KafkaClientConfig.Admin(builder.Configuration, connectionName)).Build());
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            sp => new KafkaHealthCheck(sp.GetRequiredKeyedService<IAdminClient>(key)),
            HealthStatus.Unhealthy,
            ["ready", "kafka"]));
        return builder;
    }

    private static string AdminKey(string connectionName) => $"kafka-{connectionName}";
}
