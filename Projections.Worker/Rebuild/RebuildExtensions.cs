using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdaAspire.Projections.Worker.Rebuild;

public static class RebuildExtensions
{
    /// <summary>Projection rebuilds on request: every worker follows topic <c>control</c> whole, from its start.</summary>
    public static IHostApplicationBuilder AddProjectionRebuilds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProjectionReset>();
        builder.Services.TryAddSingleton<SubscriptionRewinds>();
        return builder.AddBroadcastSubscription<ProjectionRebuildHandler>(Topics.Control);
    }
}
