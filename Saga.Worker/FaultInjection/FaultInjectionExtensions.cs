using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Saga.Worker.FaultInjection;

public static class FaultInjectionExtensions
{
    /// <summary>
    /// Failure injection by the operator, for every fulfillment process at once: each follows topic <c>control</c> from
    /// its start and layers the latest <c>FulfillmentFaultsChanged</c> over its configuration.
    /// </summary>
    public static IHostApplicationBuilder AddFaultInjection(this IHostApplicationBuilder builder)
    {
        var overrides = new FaultOverrides();
        builder.Configuration.Add(overrides);
        builder.Services.AddSingleton(overrides);
        return builder.AddBroadcastSubscription<FulfillmentFaultsHandler>(Topics.Control);
    }
}
