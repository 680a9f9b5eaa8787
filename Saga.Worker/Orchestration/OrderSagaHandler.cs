using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.Saga.Worker.Data;
using EdaAspire.Saga.Worker.Inbox;
using EdaAspire.Saga.Worker.Orders;
using EdaAspire.Saga.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Saga.Worker.Orchestration;

/// <summary>
/// Feeds the <c>orders</c> topic to the order sagas. Per batch, one transaction holds the checkpoints, the
/// inbox (events already handled are skipped), every saga's new state (optimistic concurrency on Version)
/// and the outbox rows of what the sagas decided to send. Kafka offsets are committed only after it.
/// </summary>
public sealed class OrderSagaHandler(
    SagaDbContext db,
    SqlCheckpoints<SagaDbContext> checkpoints,
    OrderSaga saga,
    TimeProvider clock,
    SagaTelemetry telemetry,
    ILogger<OrderSagaHandler> logger) : IBatchHandler
{
    public const string Name = "order-saga";

    public async Task HandleAsync(string subscription, ConsumedBatch batch, CancellationToken cancellationToken)
    {
        var events = batch.ReadKnown(OrderEventCatalog.Instance, Extensions.ConsumerGroup, logger);
        var terminal = new List<OrderSagaState>();
        await checkpoints.CommitBatchAsync(subscription, batch, async ct =>
        {
            terminal.Clear(); // a retried transaction starts over
            var ids = events.Select(e => e.Consumed.Envelope.Id).ToList();
            var handled = (await db.Inbox.Where(i => ids.Contains(i.MessageId)).Select(i => i.MessageId).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var orderIds = events.Select(e => e.Message.OrderId).Distinct().ToList();
            var sagas = await db.Sagas.Where(s => orderIds.Contains(s.OrderId)).ToDictionaryAsync(s => s.OrderId, ct);

            var now = clock.GetUtcNow();
            foreach (var (consumed, orderEvent) in events)
            {
                // Add returns false for an event handled before or earlier in this batch.
                if (!handled.Add(consumed.Envelope.Id))
                {
                    continue;
                }

                // The outbox rows store the trace of this event, even when it came in a batch with others.
                using var trace = BatchProcessSpans.Enter(consumed);
                db.Inbox.Add(new InboxMessage { MessageId = consumed.Envelope.Id, HandledAt = now });
                var current = sagas.GetValueOrDefault(orderEvent.OrderId);
                var decision = saga.Handle(current, orderEvent, now);
                if (decision.State is { } next)
                {
                    if (SagaTelemetry.IsTerminal(next.Status) && (current is null || !SagaTelemetry.IsTerminal(current.Status)))
                    {
                        terminal.Add(next);
                    }

                    sagas[next.OrderId] = Store(current, next);
                }

                OutboxWriter.Add(db, decision.Messages, consumed.Envelope.Id, now);
            }
        }, cancellationToken);

        telemetry.RecordOutcomes(terminal.Select(s => s.Status));
        foreach (var order in terminal)
        {
            logger.LogInformation("Order {OrderId} saga ended {Status}", order.OrderId, order.Status);
        }
    }

    /// <summary>Tracks the new state: copies it onto the tracked row, so the update checks the old Version.</summary>
    private OrderSagaState Store(OrderSagaState? tracked, OrderSagaState next)
    {
        if (tracked is null)
        {
            db.Sagas.Add(next);
            return next;
        }

        db.Entry(tracked).CurrentValues.SetValues(next);
        return tracked;
    }
}
