using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Persistence;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.Projections.Worker.Clickstream;
using EdaAspire.Projections.Worker.Orders;
using EdaAspire.ReadModels;

namespace EdaAspire.Projections.Worker;

public static class Extensions
{
    public const string ConsumerGroup = "projections";

    /// <summary>Its own group: each projection is its own subscriber of its topic (pub/sub), rebuilt on its own.</summary>
    public const string OrdersConsumerGroup = "projections-orders";

    /// <summary>The read-model database and the subscriptions of the clickstream and orders projections.</summary>
    public static IHostApplicationBuilder AddProjections(this IHostApplicationBuilder builder)
    {
        // This worker owns the read side, so it migrates it; registered first, so the schema exists before any consumer runs.
        builder.AddOwnedSqlDbContext<ReadModelsDbContext>(ReadModelsExtensions.ConnectionName);

        var subscription = new KafkaSubscriptionOptions
        {
            Name = ClickstreamProjection.Name,
            GroupId = ConsumerGroup,
            Topics = [Topics.Clickstream],
        };
        builder.Configuration.GetSection("Projections:Clickstream").Bind(subscription);
        builder.AddTransactionalSubscription<ClickstreamProjection, ReadModelsDbContext, ClickEvent>(subscription, ClickstreamProjection.Read);

        var orders = new KafkaSubscriptionOptions
        {
            Name = OrdersProjection.Name,
            GroupId = OrdersConsumerGroup,
            Topics = [Topics.Orders],
        };
        builder.Configuration.GetSection("Projections:Orders").Bind(orders);
        builder.AddTransactionalSubscription<OrdersProjection, ReadModelsDbContext, IOrderEvent>(orders, KnownMessages.Reader(OrderEventCatalog.Instance));
        return builder;
    }
}
