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
/// Feeds the <c>orders</c> topic to the order sagas. Per batch, one transaction (<see cref="ITransactionalHandler{T}"/>)
/// holds the checkpoints, the inbox (events already handled are skipped), every saga's new state (optimistic concurrency
/// on Version) and the outbox rows of what the sagas decided to send. Kafka offsets are committed only after it.
/// </summary>
public sealed class OrderSagaHandler(
    SagaDbContext db,
    OrderSaga saga,
    TimeProvider clock,
    SagaTelemetry telemetry,
    OutboxSignal outbox,
    ILogger<OrderSagaHandler> logger) : ITransactionalHandler<IOrderEvent>
{
    public const string Name = "order-saga";

    private readonly List<OrderSagaState> _terminal = [];

    /// <summary>The inbox: events this saga handled before.</summary>
    public async Task<IReadOnlySet<string>?> HandledAsync(IReadOnlyList<Known<IOrderEvent>> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Select(e => e.EventId).ToList();
        return (await db.Inbox.Where(i => ids.Contains(i.MessageId)).Select(i => i.MessageId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task ApplyAsync(MessageBatch<IOrderEvent> fresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        _terminal.Clear(); // a retried transaction starts over
        var orderIds = fresh.Messages.Select(e => e.Message.OrderId).Distinct().ToList();
        var sagas = await db.Sagas.Where(s => orderIds.Contains(s.OrderId)).ToDictionaryAsync(s => s.OrderId, cancellationToken);

        var now = clock.GetUtcNow();
        foreach (var (consumed, orderEvent) in fresh.Messages)
        {
            // The outbox rows store the trace of this event, even when it came in a batch with others.
            using var trace = BatchProcessSpans.Enter(consumed);
            db.Inbox.Add(new InboxMessage { MessageId = consumed.Envelope.Id, HandledAt = now });
            var current = sagas.GetValueOrDefault(orderEvent.OrderId);
            var decision = saga.Handle(current, orderEvent, now);
            if (decision.State is { } next)
            {
                if (SagaTelemetry.IsTerminal(next.Status) && (current is null || !SagaTelemetry.IsTerminal(current.Status)))
                {
                    _terminal.Add(next);
                }

                sagas[next.OrderId] = Store(current, next);
            }

            OutboxWriter.Add(db, decision.Messages, consumed.Envelope.Id, now);
        }
    }

    public void Committed(MessageBatch<IOrderEvent> applied)
    {
        outbox.Notify();
        telemetry.RecordOutcomes(_terminal.Select(s => s.Status));
        foreach (var order in _terminal)
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
