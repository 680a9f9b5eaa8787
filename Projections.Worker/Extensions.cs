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
        builder.Services.AddSingleton<ProjectionTelemetry>();

        builder.AddTransactionalSubscription<ClickstreamProjection, ReadModelsDbContext, ClickEvent>(ClickstreamProjection.Name, "Projections:Clickstream", s =>
        {
            s.GroupId = ConsumerGroup;
            s.Topics = [Topics.Clickstream];
        }, ClickstreamProjection.Read);
        builder.AddTransactionalSubscription<OrdersProjection, ReadModelsDbContext, IOrderEvent>(OrdersProjection.Name, "Projections:Orders", s =>
        {
            s.GroupId = OrdersConsumerGroup;
            s.Topics = [Topics.Orders];
        }, KnownMessages.Reader(OrderEventCatalog.Instance));
        return builder;
    }
}
