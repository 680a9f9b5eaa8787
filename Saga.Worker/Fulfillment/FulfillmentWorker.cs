using EdaAspire.Contracts.Fulfillment;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using Microsoft.Extensions.Options;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// Competing consumers of queue <c>fulfillment</c>: <see cref="FulfillmentOptions.Concurrency"/> receive loops in this
/// process, beside any number of other processes. Each loop takes one message at a time, so no lock runs down on a
/// message still waiting in a local buffer. The loops ride out an outage of the queue's store or broker: they back off
/// (up to 5 s), log the outage once when it starts and once when it ends, and resume by themselves
/// (<see cref="CompetingConsumers"/>).
/// </summary>
public sealed class FulfillmentWorker(
    [FromKeyedServices(FulfillmentCommandCatalog.QueueName)] IWorkQueue queue,
    FulfillmentCommandHandler handler,
    IOptions<FulfillmentOptions> options,
    TimeProvider time,
    ILogger<FulfillmentWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Fulfillment workers started: {Concurrency} receive loops on queue {Queue}", options.Value.Concurrency, queue.Name);
        var consumers = new CompetingConsumers(
            queue, handler.HandleAsync, new CompetingConsumersOptions { Concurrency = options.Value.Concurrency }, time, logger);
        return consumers.RunAsync(stoppingToken);
    }
}
