using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Persistence.Checkpoints;

/// <summary>
/// The step of the subscription pipeline for an <see cref="ITransactionalHandler{T}"/>: known messages read, then one
/// transaction (<see cref="SqlCheckpoints{TContext}.CommitBatchAsync"/>) with the checkpoints, the deduplication and the
/// handler's effects.
/// </summary>
public sealed class TransactionalHandlerStep<THandler, TContext, T>(
    THandler handler, SqlCheckpoints<TContext> checkpoints, MessageReader<T> read, string consumerGroup, MessagingTelemetry telemetry, ILogger logger) : IBatchHandler
    where THandler : ITransactionalHandler<T>
    where TContext : DbContext
    where T : class
{
    public async Task HandleAsync(string subscription, ConsumedBatch batch, CancellationToken cancellationToken)
    {
        var known = batch.ReadKnown(read, consumerGroup, telemetry, logger);
        var fresh = new MessageBatch<T>(subscription, batch, known);
        await checkpoints.CommitBatchAsync(subscription, batch, async ct =>
        {
            fresh = new MessageBatch<T>(subscription, batch, await FreshAsync(known, ct));
            await handler.ApplyAsync(fresh, ct);
        }, cancellationToken);
        handler.Committed(fresh);
    }

    private async Task<IReadOnlyList<Known<T>>> FreshAsync(List<Known<T>> known, CancellationToken ct)
    {
        if (await handler.HandledAsync(known, ct) is not { } handled)
        {
            return known;
        }

        // Add is false for an id handled before or earlier in this batch.
        var seen = new HashSet<string>(handled, StringComparer.Ordinal);
        return known.Where(k => seen.Add(k.EventId)).ToList();
    }
}
