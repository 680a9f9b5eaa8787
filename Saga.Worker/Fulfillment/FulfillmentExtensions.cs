using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Messaging.Kafka;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdaAspire.Saga.Worker.Fulfillment;

public static class FulfillmentExtensions
{
    /// <summary>Simulators by their settings' names: <c>Fulfillment:Payment</c>, <c>Fulfillment:Warehouse</c>, <c>Fulfillment:Shipping</c>.</summary>
    public static IReadOnlyList<string> SimulatorNames { get; } = [PaymentGateway.SectionName, Warehouse.SectionName, ShippingCarrier.SectionName];

    /// <summary>
    /// The fulfillment workers: competing consumers of queue <c>fulfillment</c> (<c>ConnectionStrings:messaging</c>) that
    /// publish each command's result to topic <c>orders</c> (<c>ConnectionStrings:kafka</c>). Settings under <c>Fulfillment</c>.
    /// </summary>
    public static IHostApplicationBuilder AddFulfillment(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddWorkQueue(FulfillmentCommandCatalog.QueueName);
        builder.AddKafkaPublisher();

        // The queue's system for the spans; AddWorkQueue has checked the connection string already.
        var messagingSystem = WorkQueueConnection.FromConfiguration(
            builder.Configuration, WorkQueueHostingExtensions.DefaultConnectionName).MessagingSystem;

        builder.Services.AddOptions<FulfillmentOptions>()
            .BindConfiguration(FulfillmentOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        foreach (var name in SimulatorNames)
        {
            // Bound to configuration, so IOptionsMonitor sees every reload.
            builder.Services.AddOptions<SimulatorOptions>(name)
                .BindConfiguration($"{FulfillmentOptions.SectionName}:{name}")
                .ValidateDataAnnotations()
                .ValidateOnStart();
        }

        builder.Services.AddSingleton<IFulfillmentSimulator, PaymentGateway>();
        builder.Services.AddSingleton<IFulfillmentSimulator, Warehouse>();
        builder.Services.AddSingleton<IFulfillmentSimulator, ShippingCarrier>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FulfillmentTelemetry>();
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<FulfillmentCommandHandler>(
            sp, sp.GetRequiredKeyedService<IWorkQueue>(FulfillmentCommandCatalog.QueueName), messagingSystem));
        builder.Services.AddHostedService<FulfillmentWorker>();
        return builder;
    }
}
