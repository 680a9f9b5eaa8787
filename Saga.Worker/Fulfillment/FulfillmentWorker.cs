using EdaAspire.Contracts.Fulfillment;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using Microsoft.Extensions.Options;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// Competing consumers of queue <c>fulfillment</c>: up to <see cref="FulfillmentOptions.Concurrency"/> commands handled at
/// once in this process, beside any number of other processes, never more received than can be handled, so no lock runs
/// down on a message waiting in a local buffer. The receive loop rides out an outage of the queue's store or broker: it
/// backs off (up to 5 s), logs the outage once when it starts and once when it ends, and resumes by itself
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
        logger.LogInformation("Fulfillment workers started: up to {Concurrency} commands at once from queue {Queue}", options.Value.Concurrency, queue.Name);
        var consumers = new CompetingConsumers(
            queue, handler.HandleAsync, new CompetingConsumersOptions { Concurrency = options.Value.Concurrency }, time, logger);
        return consumers.RunAsync(stoppingToken);
    }
}
