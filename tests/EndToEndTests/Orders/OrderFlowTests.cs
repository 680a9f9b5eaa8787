using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.EndToEndTests.Infrastructure;
using EdaAspire.Persistence;
using EdaAspire.ReadModels;
using EdaAspire.ReadModels.Orders;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EdaAspire.Tests.Aspire;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace EdaAspire.EndToEndTests.Orders;

/// <summary>
/// Orders and clicks end to end on the embedded AppHost, every service its own process under Aspire's orchestrator:
/// Ingestion.Api, Projections.Worker, the order saga, and two competing fulfillment workers with injected transient,
/// permanent and poison failures. The kill suite SIGKILLs the projections, the saga and the fulfillment workers (by the
/// pid in their resource snapshots) at random moments under load and starts them again with their resource command. Whatever fails, every order must end in exactly one terminal state, money charged
/// must equal money refunded plus confirmed, nothing may be left behind, and the read models must equal a
/// recomputation from the log.
/// </summary>
public sealed class OrderFlowTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Orders = 200;
    private EmbeddedSystem _system = null!;
    private string _readModels = null!;
    private string _messaging = null!;

    public async Task InitializeAsync()
    {
        _system = await EmbeddedSystem.StartAsync(builder =>
        {
            Configure(builder, "saga", new()
            {
                ["Saga__Timeouts__PaymentTimeout"] = "00:00:15",
                ["Saga__Timeouts__StockTimeout"] = "00:00:15",
                ["Saga__Timeouts__ShipmentTimeout"] = "00:00:15",
            });
            Configure(builder, "fulfillment", FulfillmentFailures());
        });
        _readModels = (await _system.App.GetConnectionStringAsync("readmodels"))!;
        _messaging = (await _system.App.GetConnectionStringAsync("messaging"))!;
    }

    /// <summary>Who the kill suite SIGKILLs, in turn: every consumer of the log and of the queue (each fulfillment replica).</summary>
    private IReadOnlyList<string> Killable =>
        [.. _system.InstanceIds("projections"), .. _system.InstanceIds("saga"), .. _system.InstanceIds("fulfillment")];

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    public async Task Two_hundred_orders_and_their_clicks_end_consistently_even_under_random_sigkills(int kills)
    {
        // Seeded, so a failing schedule can be replayed; printed below.
        var random = new Random(kills);
        var killAt = Enumerable.Range(0, kills).Select(_ => random.Next(10, Orders - 10)).Order().ToList();
        using var ingestion = new HttpClient { BaseAddress = _system.IngestionUrl };
        var killable = Killable;

        var clock = Stopwatch.StartNew();
        using var stopClicks = new CancellationTokenSource();
        var clicks = ClickTraffic.RunAsync(ingestion, stopClicks.Token);
        var killed = new List<string>();
        for (var i = 0; i < Orders; i++)
        {
            await PlaceAsync(ingestion, i);
            foreach (var _ in killAt.Where(k => k == i))
            {
                var victim = killable[killed.Count % killable.Count];
                await _system.KillAsync(victim);
                killed.Add($"{victim}@{i}");
                // Down for a random while, as a crashed pod waits for its restart; the orders keep coming meanwhile.
                await Task.Delay(random.Next(200, 1500));
                await _system.StartAgainAsync(victim);
            }

            await Task.Delay(40); // the pace of the order traffic; nothing is asserted after it
        }

        await stopClicks.CancelAsync();
        var acknowledgedClicks = await clicks;
        Assert.Equal(kills, killed.Count);
        output.WriteLine($"Placed {Orders} orders and {acknowledgedClicks.Values.Sum()} acknowledged clicks in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"SIGKILLed {killed.Count} times: {string.Join(", ", killed)}.");

        // Generous: the commands a SIGKILLed fulfillment worker held (up to its concurrency) return only when their 30 s
        // locks run out, once per kill; it usually settles within a minute. On a miss, the message says where it stood.
        await WaitUntilAsync(async () => await TerminalOrdersAsync() == Orders && await QueueIsEmptyAsync() && (await MoneyAsync()).Balanced,
            TimeSpan.FromSeconds(300), "every order terminal, the queue empty and the money balanced",
            async () => $"{await TerminalOrdersAsync()} of {Orders} orders terminal, queue {await OpenQueue().GetCountsAsync()}, money {await MoneyAsync()}");

        await using var db = OpenReadModels();
        var timeline = await db.OrderTimeline.AsNoTracking().ToListAsync();
        var events = timeline.Select(e => (e.OrderId, Event: OrderEventCatalog.Instance.Read(e.Type, Encoding.UTF8.GetBytes(e.Payload))!)).ToList();
        var terminalPerOrder = events.Where(e => e.Event is OrderConfirmed or OrderCancelled).GroupBy(e => e.OrderId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Orders, terminalPerOrder.Count);
        Assert.All(terminalPerOrder, t => Assert.Equal(1, t.Value));

        var money = await MoneyAsync();
        Assert.Equal(money.Charged, money.Refunded + money.Confirmed);
        var reserved = events.Count(e => e.Event is StockReserved);
        var released = events.Count(e => e.Event is StockReleased);
        var confirmed = events.Count(e => e.Event is OrderConfirmed);
        Assert.Equal(reserved, released + confirmed);

        var queue = OpenQueue();
        var counts = await queue.GetCountsAsync();
        Assert.Equal((0L, 0L), (counts.Active, counts.Scheduled));
        var deadLetters = await queue.PeekDeadLettersAsync(1000);
        var statuses = await db.Orders.AsNoTracking().ToDictionaryAsync(o => o.OrderId.ToString(), o => o.Status);
        Assert.All(deadLetters, d =>
        {
            Assert.False(string.IsNullOrEmpty(d.DeadLetterReason));
            Assert.Equal(OrderStatus.Cancelled, statuses[d.CorrelationId!]);
            // Only steps are given up on; a compensation is retried until it succeeds.
            Assert.IsNotAssignableFrom<ICompensation>(FulfillmentCommandCatalog.Instance.Read(d.Subject!, d.Body));
        });

        output.WriteLine($"Orders: {confirmed} confirmed, {Orders - confirmed} cancelled; each exactly one terminal event.");
        output.WriteLine($"Money: charged {money.Charged} = refunded {money.Refunded} + confirmed {money.Confirmed}.");
        output.WriteLine($"Stock: reserved {reserved} = released {released} + confirmed {confirmed}.");
        output.WriteLine($"Dead letters: {deadLetters.Count} ({string.Join(", ", deadLetters.GroupBy(d => d.DeadLetterReason).Select(g => $"{g.Key} {g.Count()}"))}), every one's order cancelled.");
        output.WriteLine($"Events projected: {timeline.Count}; done in {clock.Elapsed.TotalSeconds:F1} s.");

        var kafka = (await _system.App.GetConnectionStringAsync("kafka"))!;
        var recomputed = await LogRecomputation.AssertReadModelsMatchAsync(kafka, db, acknowledgedClicks);
        output.WriteLine($"Read models equal a recomputation from the log: {recomputed.OrderEvents} distinct order events of {recomputed.Orders} orders, " +
            $"{recomputed.Clicks} clicks of {recomputed.Sessions} sessions; every acknowledged click among them.");
    }

    private static Dictionary<string, string> FulfillmentFailures()
    {
        var settings = new Dictionary<string, string>
        {
            ["Fulfillment__RetryBaseDelay"] = "00:00:00.200",
            ["Fulfillment__RetryMaxDelay"] = "00:00:02",
            ["WorkQueues__fulfillment__MaxDeliveryCount"] = "5",
        };
        foreach (var simulator in new[] { "Payment", "Warehouse", "Shipping" })
        {
            settings[$"Fulfillment__{simulator}__Latency"] = "00:00:00.010";
            settings[$"Fulfillment__{simulator}__PermanentFailureRate"] = "0.1";
            settings[$"Fulfillment__{simulator}__TransientFailureRate"] = "0.2";
            settings[$"Fulfillment__{simulator}__PoisonRate"] = "0.03";
        }

        return settings;
    }

    private static void Configure(IDistributedApplicationTestingBuilder builder, string resource, Dictionary<string, string> settings)
    {
        var project = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == resource));
        foreach (var (key, value) in settings)
        {
            project.WithEnvironment(key, value);
        }
    }

    private static async Task PlaceAsync(HttpClient ingestion, int index)
    {
        // Seeded products p-1 … p-36 but the inactive ones (every seventh); no price: the server prices from the catalog.
        var product = 1 + (index % 30);
        var order = new PlaceOrderRequest(
            $"customer-{index % 37}",
            [new OrderLineRequest($"p-{product + ((product - 1) / 6)}", 1 + (index % 3))],
            "EUR",
            new ShippingAddress("Ada", "1 Way", null, "London", "N1", "GB"));
        using var accepted = await OrderPosting.PostUntilAcceptedAsync(ingestion, new Uri("/api/orders", UriKind.Relative), () => JsonContent.Create(order), $"order-{index}");
    }

    private async Task<int> TerminalOrdersAsync()
    {
        await using var db = OpenReadModels();
        try
        {
            return await db.Orders.CountAsync(o => o.Status == OrderStatus.Confirmed || o.Status == OrderStatus.Cancelled);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0;
        }
    }

    private async Task<bool> QueueIsEmptyAsync() => (await OpenQueue().GetCountsAsync()) is { Active: 0, Scheduled: 0 };

    /// <summary>Money from the order events themselves (each event once, by id): charged, refunded, confirmed.</summary>
    private async Task<(decimal Charged, decimal Refunded, decimal Confirmed, bool Balanced)> MoneyAsync()
    {
        await using var db = OpenReadModels();
        var events = (await db.OrderTimeline.AsNoTracking().Select(e => new { e.Type, e.Payload }).ToListAsync())
            .Select(e => OrderEventCatalog.Instance.Read(e.Type, Encoding.UTF8.GetBytes(e.Payload)))
            .ToList();
        var charged = events.OfType<PaymentAuthorized>().Sum(e => e.Amount);
        var refunded = events.OfType<PaymentRefunded>().Sum(e => e.Amount);
        var confirmed = events.OfType<OrderConfirmed>().Sum(e => e.Total);
        return (charged, refunded, confirmed, charged == refunded + confirmed);
    }

    private ReadModelsDbContext OpenReadModels()
    {
        var options = new DbContextOptionsBuilder<ReadModelsDbContext>();
        options.Use(_readModels);
        return new ReadModelsDbContext(options.Options);
    }

    private IWorkQueue OpenQueue() =>
        WorkQueueConnection.Parse(_messaging)
            .Open(new WorkQueueOptions { QueueName = FulfillmentCommandCatalog.QueueName });

    /// <param name="state">What to report if the limit passes, so a failed run says where it stood.</param>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what, Func<Task<string>>? state = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(500); // the next poll of the condition, not a wait for time to pass
        }

        Assert.Fail($"Not reached within {limit.TotalSeconds} s: {what}." + (state is null ? "" : $" Now: {await state()}."));
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
