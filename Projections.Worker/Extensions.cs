using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Persistence;
using EdaAspire.Projections.Worker.Checkpoints;
using EdaAspire.Projections.Worker.Clickstream;
using EdaAspire.ReadModels;

namespace EdaAspire.Projections.Worker;

public static class Extensions
{
    public const string ConsumerGroup = "projections";

    /// <summary>The read-model database and the clickstream projection's subscription.</summary>
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
        builder.AddKafkaSubscription<ClickstreamProjection, ProjectionCheckpoints>(subscription);
        return builder;
    }
}
