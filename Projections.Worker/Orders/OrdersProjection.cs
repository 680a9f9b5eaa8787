using System.Text;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Persistence;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.ReadModels;
using EdaAspire.ReadModels.Orders;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Projections.Worker.Orders;

/// <summary>
/// Builds the order read models from topic <c>orders</c>: summary (a fold of the events), timeline (every
/// event, kept whole), order lines, sales per minute, purchases per product and customers' histories.
/// Events are deduplicated by event id against the timeline, so a copy the log holds twice (a producer
/// retry) changes nothing; rows and checkpoints commit together, as for the clickstream.
/// </summary>
public sealed class OrdersProjection(ReadModelsDbContext db, ProjectionTelemetry telemetry) : ITransactionalHandler<IOrderEvent>
{
    public const string Name = "orders";

    /// <summary>The timeline is this projection's record of the events it applied.</summary>
    public async Task<IReadOnlySet<string>?> HandledAsync(IReadOnlyList<Known<IOrderEvent>> messages, CancellationToken cancellationToken)
    {
        var orderIds = messages.Select(k => k.Message.OrderId).Distinct().ToList();
        var eventIds = messages.Select(k => k.EventId).ToList();
        return (await db.OrderTimeline
            .Where(t => orderIds.Contains(t.OrderId) && eventIds.Contains(t.EventId))
            .Select(t => t.EventId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task ApplyAsync(MessageBatch<IOrderEvent> fresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        var outcomes = await ApplyToOrdersAsync(fresh.Messages, cancellationToken);
        // Saved first, so the counters below can read the lines of orders confirmed in this batch.
        await db.SaveChangesAsync(cancellationToken);
        await CountOutcomesAsync(outcomes, cancellationToken);
    }

    public void Committed(MessageBatch<IOrderEvent> applied) =>
        telemetry.RecordApplied(Name, applied.Messages.Select(f => f.Consumed), DateTimeOffset.UtcNow);

    private async Task<OrderOutcomes> ApplyToOrdersAsync(IReadOnlyList<Known<IOrderEvent>> events, CancellationToken ct)
    {
        var orderIds = events.Select(e => e.Message.OrderId).Distinct().ToList();
        var orders = await db.Orders.Where(o => orderIds.Contains(o.OrderId)).ToDictionaryAsync(o => o.OrderId, ct);
        var outcomes = new OrderOutcomes();
        foreach (var (consumed, orderEvent) in events)
        {
            var at = consumed.Envelope.Time.UtcDateTime;
            db.OrderTimeline.Add(new OrderTimelineEntry
            {
                OrderId = orderEvent.OrderId,
                EventId = consumed.Envelope.Id,
                Type = consumed.Envelope.Type,
                OccurredAt = at,
                Payload = Encoding.UTF8.GetString(consumed.Envelope.Data.Span),
                TraceId = consumed.Envelope.Trace == default ? null : consumed.Envelope.Trace.TraceId.ToHexString(),
                Partition = consumed.Position.Partition.Value,
                Offset = consumed.Position.Offset.Value,
            });

            if (!orders.TryGetValue(orderEvent.OrderId, out var order))
            {
                order = new OrderSummary { OrderId = orderEvent.OrderId };
                orders[order.OrderId] = order;
                db.Orders.Add(order);
            }

            var wasTerminal = OrderStatus.IsTerminal(order.Status);
            OrderStatusFold.Apply(order, orderEvent, at);
            if (orderEvent is OrderPlaced placed)
            {
                db.OrderLines.AddRange(placed.Lines.Select(l => new OrderLineItem
                {
                    OrderId = placed.OrderId,
                    ProductId = l.ProductId,
                    Quantity = l.Quantity,
                    UnitPrice = l.UnitPrice,
                }));
                outcomes.Placed.Add(order);
            }

            if (!wasTerminal && OrderStatus.IsTerminal(order.Status))
            {
                (order.Status == OrderStatus.Confirmed ? outcomes.Confirmed : outcomes.Cancelled).Add(order);
            }
        }

        return outcomes;
    }

    /// <summary>The counters other workers share: summed per row for the batch, then incremented in SQL, one statement per table.</summary>
    private async Task CountOutcomesAsync(OrderOutcomes outcomes, CancellationToken ct)
    {
        var customers = new Dictionary<string, CustomerOrders>(StringComparer.Ordinal);
        CustomerOrders Customer(OrderSummary order)
        {
            if (!customers.TryGetValue(order.CustomerId, out var delta))
            {
                customers[order.CustomerId] = delta = new CustomerOrders { CustomerId = order.CustomerId };
            }

            delta.LastOrderAt = order.LastEventAt > delta.LastOrderAt ? order.LastEventAt : delta.LastOrderAt;
            return delta;
        }

        var sales = new Dictionary<DateTime, SalesPerMinute>();
        foreach (var order in outcomes.Placed)
        {
            Customer(order).Placed++;
        }

        foreach (var order in outcomes.Cancelled)
        {
            Customer(order).Cancelled++;
        }

        foreach (var order in outcomes.Confirmed)
        {
            var customer = Customer(order);
            customer.Confirmed++;
            customer.SpentCents += Cents(order.Total);
            var minute = TimeBuckets.MinuteOf(order.CompletedAt!.Value);
            var bucket = sales.TryGetValue(minute, out var existing) ? existing : sales[minute] = new SalesPerMinute { Minute = minute };
            bucket.Orders++;
            bucket.RevenueCents += Cents(order.Total);
        }

        var dialect = SqlDialects.Of(db.Database);
        var sql = OrderCountersSql.For(dialect);
        var rows = ProjectionRowsJson.Default;
        await db.Database.ExecuteWithJsonRowsAsync(sql.Customers,
            [.. customers.Values.Select(c => new CustomerCountersRow(c.CustomerId, c.Placed, c.Confirmed, c.Cancelled, c.SpentCents, dialect.Time(c.LastOrderAt)))],
            rows.CustomerCountersRow, ct);
        await db.Database.ExecuteWithJsonRowsAsync(sql.Sales,
            [.. sales.Values.Select(b => new SalesRow(dialect.Time(b.Minute), b.Orders, b.RevenueCents))], rows.SalesRow, ct);

        var confirmedIds = outcomes.Confirmed.Select(o => o.OrderId).ToList();
        var purchases = await db.OrderLines
            .Where(l => confirmedIds.Contains(l.OrderId))
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(l => l.Quantity) })
            .ToListAsync(ct);
        await db.Database.ExecuteWithJsonRowsAsync(sql.Purchases,
            [.. purchases.Select(p => new PurchasesRow(p.ProductId, p.Units))], rows.PurchasesRow, ct);
    }

    private static long Cents(decimal amount) => (long)decimal.Round(amount * 100m);

    private sealed class OrderOutcomes
    {
        public List<OrderSummary> Placed { get; } = [];

        public List<OrderSummary> Confirmed { get; } = [];

        public List<OrderSummary> Cancelled { get; } = [];
    }
}
