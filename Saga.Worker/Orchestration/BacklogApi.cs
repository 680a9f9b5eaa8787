using EdaAspire.Contracts;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Saga.Worker.Outbox;
using EdaAspire.WorkQueue.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdaAspire.Saga.Worker.Orchestration;

/// <summary>
/// How far behind the saga is, for admission control at the edge: Ingestion.Api asks every second or so. The numbers
/// come from memory, the ones the gauges <c>messaging.kafka.consumer.lag</c> (group <c>saga</c>),
/// <c>saga.outbox.backlog</c> and the queue's depth export: the consumer's latest statistics report (high watermark
/// minus the committed position, which the subscription commits after each batch with its checkpoint), the relay's
/// latest count and the fulfillment queue's last counted active messages (commands waiting for a worker).
/// Asking often therefore costs neither a broker round trip nor a query.
/// </summary>
public static class BacklogApi
{
    public const string Path = "/api/backlog";

    public static IEndpointRouteBuilder MapBacklogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetBacklog).WithName("GetSagaBacklog");
        return app;
    }

    public static Ok<SagaBacklog> GetBacklog(OutboxBacklog outbox, ConsumerLag lag, WorkQueueTelemetry queues) =>
        TypedResults.Ok(new SagaBacklog(
            lag.Of(Extensions.ConsumerGroup, Topics.Orders), outbox.Count, queues.LatestCounts(FulfillmentCommandCatalog.QueueName)?.Active));
}
