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
using Microsoft.Extensions.Options;

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
        builder.Services.AddOptions<SagaTimeouts>().BindConfiguration(SagaTimeouts.SectionName).ValidateOnStart();
        builder.Services.AddSingleton(sp => new OrderSaga(sp.GetRequiredService<IOptions<SagaTimeouts>>().Value));
        builder.Services.AddScoped<SqlCheckpoints<SagaDbContext>>();

        builder.AddTransactionalSubscription<OrderSagaHandler, SagaDbContext, IOrderEvent>(OrderSagaHandler.Name, "Saga:Subscription", s =>
        {
            s.GroupId = Extensions.ConsumerGroup;
            s.Topics = [Topics.Orders];
        }, KnownMessages.Reader(OrderEventCatalog.Instance));

        builder.Services.AddOptions<DeadlineWatcherOptions>().BindConfiguration("Saga:Deadlines").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DeadlineWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeadlineWatcher>());

        builder.AddKafkaPublisher();
        builder.AddWorkQueue(FulfillmentCommandCatalog.QueueName);
        builder.Services.AddOptions<OutboxRelayOptions>().BindConfiguration("Saga:Outbox").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OutboxBacklog>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<SagaTelemetry>();
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        return builder;
    }
}
