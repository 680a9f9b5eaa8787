using EdaAspire.Contracts.Orders;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Persistence;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.Saga.Worker.Data;
using EdaAspire.Saga.Worker.Orders;
using EdaAspire.Saga.Worker.Outbox;
using EdaAspire.WorkQueue.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdaAspire.Saga.Worker.Orchestration;

public static class OrderSagaExtensions
{
    /// <summary>
    /// The order process manager: its database (migrated at startup), the subscription to <c>orders</c>,
    /// the deadline watcher and the outbox relay to queue <c>fulfillment</c> and topic <c>orders</c>.
    /// </summary>
    public static IHostApplicationBuilder AddOrderSaga(this IHostApplicationBuilder builder)
    {
        builder.AddOwnedSqlDbContext<SagaDbContext>(SagaDbContext.ConnectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new OrderSaga(builder.Configuration.GetSection(SagaTimeouts.SectionName).Get<SagaTimeouts>() ?? new SagaTimeouts()));
        builder.Services.AddScoped<SqlCheckpoints<SagaDbContext>>();

        var subscription = new KafkaSubscriptionOptions
        {
            Name = OrderSagaHandler.Name,
            GroupId = Extensions.ConsumerGroup,
            Topics = [Topics.Orders],
        };
        builder.Configuration.GetSection("Saga:Subscription").Bind(subscription);
        builder.AddTransactionalSubscription<OrderSagaHandler, SagaDbContext, IOrderEvent>(subscription, KnownMessages.Reader(OrderEventCatalog.Instance));

        builder.Services.Configure<DeadlineWatcherOptions>(builder.Configuration.GetSection("Saga:Deadlines"));
        builder.Services.AddSingleton<DeadlineWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeadlineWatcher>());

        builder.AddKafkaPublisher();
        builder.AddWorkQueue(FulfillmentCommandCatalog.QueueName);
        builder.Services.Configure<OutboxRelayOptions>(builder.Configuration.GetSection("Saga:Outbox"));
        builder.Services.AddSingleton<OutboxBacklog>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<SagaTelemetry>();
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        return builder;
    }
}
