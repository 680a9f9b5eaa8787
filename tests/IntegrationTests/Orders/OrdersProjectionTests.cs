using System.Text;
using EdaAspire.Contracts.Orders;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.ReadModels.Orders;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.IntegrationTests.Orders;

/// <summary>Projections.Worker's orders projection, fed through the embedded cluster, read back from SQLite.</summary>
public sealed class OrdersProjectionTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 15, TimeSpan.Zero);
    private static readonly ShippingAddress Address = new("Ada", "1 Way", null, "London", "N1", "GB");

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _database = new();
    private readonly OrderEventWriter _writer;
    private readonly ReadModelsProbe _readModels;

    public OrdersProjectionTests()
    {
        _writer = new OrderEventWriter(_kafka.BootstrapServers);
        _readModels = new ReadModelsProbe(_database.ConnectionString);
    }

    private static OrderPlaced Placed(Guid id, string customer = "c-1") =>
        new(id, customer, [new OrderLine("p-1", 2, 10m), new OrderLine("p-2", 1, 5.5m)], "EUR", 25.5m, Address, T0);

    private async Task<OrderSummary?> WaitForOrderAsync(Guid id, Func<OrderSummary, bool> until)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var db = _readModels.Open();
            try
            {
                if (await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == id) is { } order && until(order))
                {
                    return order;
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Schema not created yet.
            }

            await Task.Delay(100); // polls the read model; the caller fails on null
        }

        return null;
    }

    [Fact]
    public async Task A_confirmed_order_is_folded_into_summary_timeline_sales_purchases_and_customer()
    {
        await using var worker = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _database.ConnectionString);
        var id = Guid.NewGuid();
        await _writer.WriteAsync(Placed(id), T0);
        await _writer.WriteAsync(new PaymentAuthorized(id, "pay-1", 25.5m, "EUR"), T0.AddSeconds(1));
        await _writer.WriteAsync(new StockReserved(id, "res-1"), T0.AddSeconds(2));
        await _writer.WriteAsync(new ShipmentScheduled(id, "ship-1", "PostNL"), T0.AddSeconds(3));
        await _writer.WriteAsync(new OrderConfirmed(id, 25.5m, "EUR"), T0.AddSeconds(4));

        var order = await WaitForOrderAsync(id, o => o.Status == OrderStatus.Confirmed);

        Assert.NotNull(order);
        Assert.Equal(5, order.EventCount);
        Assert.Equal(25.5m, order.Total);
        Assert.Equal(T0.AddSeconds(1).UtcDateTime, order.PaymentAuthorizedAt);
        Assert.Equal(T0.AddSeconds(4).UtcDateTime, order.CompletedAt);
        await using var db = _readModels.Open();
        Assert.Equal(5, await db.OrderTimeline.CountAsync(e => e.OrderId == id));
        var sales = await db.SalesPerMinute.SingleAsync();
        Assert.Equal((new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc), 1L, 2550L), (sales.Minute, sales.Orders, sales.RevenueCents));
        Assert.Equal(2, (await db.ProductStats.SingleAsync(p => p.ProductId == "p-1")).Purchased);
        var customer = await db.Customers.SingleAsync(c => c.CustomerId == "c-1");
        Assert.Equal((1L, 1L, 0L, 2550L), (customer.Placed, customer.Confirmed, customer.Cancelled, customer.SpentCents));
    }

    [Fact]
    public async Task A_copy_of_an_event_in_the_log_changes_nothing()
    {
        await using var worker = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _database.ConnectionString);
        var id = Guid.NewGuid();
        await _writer.WriteAsync(Placed(id), T0, eventId: "placed-1");
        await _writer.WriteAsync(Placed(id), T0, eventId: "placed-1");
        await _writer.WriteAsync(new OrderCancelled(id, "payment declined"), T0.AddSeconds(1), eventId: "cancelled-1");
        await _writer.WriteAsync(new OrderCancelled(id, "payment declined"), T0.AddSeconds(1), eventId: "cancelled-1");

        var order = await WaitForOrderAsync(id, o => o.Status == OrderStatus.Cancelled);

        Assert.NotNull(order);
        Assert.Equal(2, order.EventCount);
        await using var db = _readModels.Open();
        var customer = await db.Customers.SingleAsync();
        Assert.Equal((1L, 1L), (customer.Placed, customer.Cancelled));
    }

    [Fact]
    public async Task OrderPlaced_v1_is_upcast_and_unknown_types_are_skipped()
    {
        await using var worker = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _database.ConnectionString);
        var id = Guid.NewGuid();
        var v1 = new OrderPlacedV1(id, "c-9", [new ClientPricedLine("p-1", 1, 3m)], "EUR", 3m, "Ada, 1 Way, London, N1, GB", T0);
        await _writer.WriteRawAsync(id, OrderEventCatalog.OrderPlacedV1Type,
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(v1, EdaAspire.Contracts.ContractsJsonContext.Default.OrderPlacedV1), T0);
        await _writer.WriteRawAsync(id, "shop.order.gift_wrapped.v1", Encoding.UTF8.GetBytes("{}"), T0.AddSeconds(1));
        await _writer.WriteAsync(new PaymentAuthorized(id, "pay-9", 3m, "EUR"), T0.AddSeconds(2));

        var order = await WaitForOrderAsync(id, o => o.Status == OrderStatus.PaymentAuthorized);

        Assert.NotNull(order);
        Assert.Equal("c-9", order.CustomerId);
        Assert.Equal(2, order.EventCount);
    }

    [Fact]
    public async Task The_state_at_any_moment_is_the_fold_of_the_events_up_to_then()
    {
        await using var worker = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _database.ConnectionString);
        var id = Guid.NewGuid();
        await _writer.WriteAsync(Placed(id), T0);
        await _writer.WriteAsync(new PaymentAuthorized(id, "pay-1", 25.5m, "EUR"), T0.AddSeconds(10));
        await _writer.WriteAsync(new StockUnavailable(id, "p-2 sold out"), T0.AddSeconds(20));
        await _writer.WriteAsync(new PaymentRefunded(id, "pay-1", 25.5m, "EUR"), T0.AddSeconds(30));
        await _writer.WriteAsync(new OrderCancelled(id, "stock unavailable"), T0.AddSeconds(31));
        Assert.NotNull(await WaitForOrderAsync(id, o => o.Status == OrderStatus.Cancelled));

        await using var db = _readModels.Open();
        var timeline = await db.OrderTimeline.AsNoTracking().Where(e => e.OrderId == id).ToListAsync();

        Assert.Null(OrderStatusFold.StateAt(timeline, T0.AddSeconds(-1).UtcDateTime));
        Assert.Equal(OrderStatus.Placed, OrderStatusFold.StateAt(timeline, T0.AddSeconds(5).UtcDateTime)!.Status);
        Assert.Equal(OrderStatus.PaymentAuthorized, OrderStatusFold.StateAt(timeline, T0.AddSeconds(15).UtcDateTime)!.Status);
        var cancelling = OrderStatusFold.StateAt(timeline, T0.AddSeconds(25).UtcDateTime)!;
        Assert.Equal((OrderStatus.Cancelling, 0m), (cancelling.Status, cancelling.Refunded));
        var cancelled = OrderStatusFold.StateAt(timeline, T0.AddMinutes(1).UtcDateTime)!;
        Assert.Equal((OrderStatus.Cancelled, 25.5m, "stock unavailable"), (cancelled.Status, cancelled.Refunded, cancelled.CancelReason));
    }

    public void Dispose()
    {
        _writer.Dispose();
        _kafka.Dispose();
        _database.Dispose();
    }
}
