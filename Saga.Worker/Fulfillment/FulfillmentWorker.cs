using EdaAspire.Contracts.Fulfillment;
using EdaAspire.WorkQueue;
using Microsoft.Extensions.Options;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// Competing consumers of queue <c>fulfillment</c>: <see cref="FulfillmentOptions.Concurrency"/> receive loops in this
/// process, beside any number of other processes. Each loop takes one message at a time, so no lock runs down on a
/// message still waiting in a local buffer.
/// </summary>
public sealed class FulfillmentWorker(
    [FromKeyedServices(FulfillmentCommandCatalog.QueueName)] IWorkQueue queue,
    FulfillmentCommandHandler handler,
    IOptions<FulfillmentOptions> options,
    TimeProvider time,
    ILogger<FulfillmentWorker> logger) : BackgroundService
{
    // A receive waits this long for a message before it asks again; cancellation ends the wait at once.
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PauseAfterError = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Fulfillment workers started: {Concurrency} receive loops on queue {Queue}", options.Value.Concurrency, queue.Name);
        return Task.WhenAll(Enumerable.Range(0, options.Value.Concurrency).Select(_ => ReceiveLoopAsync(stoppingToken)));
    }

    private async Task ReceiveLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var message in await queue.ReceiveAsync(1, ReceiveWait, stoppingToken))
                {
                    await handler.HandleAsync(message, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The queue is unreachable for now; the health check reports it, the loop tries again.
                logger.LogWarning(ex, "Receiving from queue {Queue} failed", queue.Name);
                await PauseAsync(stoppingToken);
            }
        }
    }

    private async Task PauseAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(PauseAfterError, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
