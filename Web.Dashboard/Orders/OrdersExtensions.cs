using EdaAspire.Contracts.Orders;
using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Web.Dashboard.Orders.Live;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdaAspire.Web.Dashboard.Orders;

public static class OrdersExtensions
{
    /// <summary>Name of the live feed's subscription (its log lines and metrics); it keeps no checkpoints of its own.</summary>
    public const string LiveFeedName = "dashboard-live";

    private const string AutoOffsetResetKey = "Kafka:Consumer:auto.offset.reset";

    /// <summary>The order pages' queries, and their live feed from topic <c>orders</c>.</summary>
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOrderPages(builder.Configuration);
        return builder.AddOrderUpdatesFeed();
    }

    /// <summary>What the order pages use: the queries, and the in-process fan-out of updates that keeps them live.</summary>
    public static IServiceCollection AddOrderPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OrderListQuery>();
        services.AddSingleton<OrderDetailsQuery>();
        services.AddSingleton(TraceLinks.From(configuration));

        services.AddOptions<LiveRefreshOptions>().BindConfiguration(LiveRefreshOptions.SectionName).ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LiveRefreshOptions>>().Value);
        services.AddSingleton<OrderEventsSeenQuery>();
        services.AddSingleton<OrderUpdates>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiveOrders>();
        return services;
    }

    /// <summary>
    /// Its own consumer group per process (<see cref="LiveFeedGroup"/>), resuming from Kafka's committed offset
    /// (<see cref="KafkaCommittedOffsets"/>): a feed of what happens from now on, with nothing of its own to store.
    /// </summary>
    private static IHostApplicationBuilder AddOrderUpdatesFeed(this IHostApplicationBuilder builder)
    {
        var group = LiveFeedGroup.ForThisProcess();
        builder.Services.AddSingleton(group);

        // A new group has no committed offset, and KafkaClientConfig defaults to earliest (right for projections):
        // this per-process group would replay the whole log into pushes nobody needs. Latest starts it at the end.
        // Kafka:Consumer applies to every consumer of the process; the feed is the dashboard's only one. A value
        // configured on purpose wins.
        if (builder.Configuration[AutoOffsetResetKey] is null)
        {
            builder.Configuration.AddInMemoryCollection([new(AutoOffsetResetKey, "latest")]);
        }

        return builder.AddKafkaSubscription<OrderUpdatesHandler, IOrderEvent>(LiveFeedName, "Dashboard:LiveFeed", s =>
        {
            s.GroupId = group.Id;
            s.Topics = [Topics.Orders];
        }, OrderUpdatesHandler.Read);
    }
}
