using System.Diagnostics;
using AngleSharp.Dom;
using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.ReadModels.Orders;
using EdaAspire.Web.Dashboard.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static EdaAspire.DashboardTests.Infrastructure.TestOrder;

namespace EdaAspire.DashboardTests.Orders;

public sealed class OrderListTests(ITestOutputHelper output) : DashboardContext
{
    private static readonly TimeSpan PushShown = TimeSpan.FromSeconds(30);

    /// <summary>The search box's DebounceInterval: MudBlazor times it on the registered TimeProvider, the test's clock.</summary>
    private static readonly TimeSpan SearchDebounce = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Shows_the_newest_orders_first_fifty_to_a_page_with_the_counts_per_status()
    {
        var orders = Enumerable.Range(0, 60).Select(i => i % 3 == 0
            ? ConfirmedOrder(T0.AddMinutes(i), TimeSpan.FromSeconds(1))
            : Placed(T0.AddMinutes(i))).ToArray();
        await Database.AddAsync(orders);

        var list = RenderOrders<OrderList>();

        var rows = Rows(list);
        Assert.Equal(50, rows.Count);
        Assert.Equal(orders[59].OrderId.ToString(), rows[0].GetAttribute("data-order-id"));
        Assert.Equal(orders[10].OrderId.ToString(), rows[49].GetAttribute("data-order-id"));
        Assert.Equal("1–50 of 60", list.Find("[data-testid=order-range]").TextContent.Trim());
        Assert.Equal("60", Count(list, "count-all"));
        Assert.Equal("40", Count(list, "count-in-progress"));
        Assert.Equal("20", Count(list, "count-confirmed"));
        Assert.Equal("0", Count(list, "count-cancelled"));
    }

    [Fact]
    public async Task A_row_shows_time_link_customer_total_status_and_duration()
    {
        var order = ConfirmedOrder(T0, TimeSpan.FromMilliseconds(600), customerId: "alice");
        await Database.AddAsync(order);

        var row = Rows(RenderOrders<OrderList>()).Single();

        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("2026-11-23 12:00:00", cells[0]);
        Assert.Equal(order.OrderId.ToString()[..8], cells[1]);
        Assert.Equal($"orders/{order.OrderId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("alice", cells[2]);
        Assert.Equal($"{39.98m.ToString("N2", System.Globalization.CultureInfo.CurrentCulture)} EUR", cells[3]);
        Assert.Equal("Confirmed", cells[4]);
        Assert.Equal("2.4 s", cells[5]);
    }

    [Fact]
    public async Task The_second_page_holds_the_rest()
    {
        await Database.AddAsync(Enumerable.Range(0, 60).Select(i => Placed(T0.AddMinutes(i))).ToArray());
        ConfigureOrders();
        Services.GetRequiredService<NavigationManager>().NavigateTo("orders?page=2");

        var list = RenderOrders<OrderList>();

        Assert.Equal(10, Rows(list).Count);
        Assert.Equal("51–60 of 60", list.Find("[data-testid=order-range]").TextContent.Trim());
    }

    [Theory]
    [InlineData("filter-confirmed", OrderStatus.Confirmed)]
    [InlineData("filter-cancelled", OrderStatus.Cancelled)]
    [InlineData("filter-cancelling", OrderStatus.Cancelling)]
    [InlineData("filter-in-progress", OrderStatus.Placed, OrderStatus.ShipmentScheduled)]
    public async Task The_status_filter_keeps_the_orders_of_its_statuses(string filter, params string[] statuses)
    {
        await Database.AddAsync(
            ConfirmedOrder(T0, TimeSpan.FromSeconds(1)),
            Placed(T0.AddMinutes(1)).PaymentDeclined(T0.AddMinutes(2)).Cancelled(T0.AddMinutes(3)),
            Placed(T0.AddMinutes(2)).ShipmentFailed(T0.AddMinutes(3)),
            Placed(T0.AddMinutes(3)),
            Placed(T0.AddMinutes(4)).PaymentAuthorized(T0.AddMinutes(4)).StockReserved(T0.AddMinutes(4)).ShipmentScheduled(T0.AddMinutes(5)));
        var list = RenderOrders<OrderList>();

        list.Find($"[data-testid={filter}]").Click();

        list.WaitForAssertion(() => Assert.Equal(statuses.Order(), Rows(list).Select(StatusOf).Order()));
        Assert.EndsWith($"status={filter["filter-".Length..]}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_finds_a_customers_orders_or_an_order_by_the_start_of_its_id()
    {
        var alice = Placed(T0, customerId: "alice");
        var bob = Placed(T0.AddMinutes(1), customerId: "bob", orderId: Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        await Database.AddAsync(alice, bob, Placed(T0.AddMinutes(2), customerId: "carol"));
        var list = RenderOrders<OrderList>();

        list.Find("input[data-testid=order-search]").Input("alice");
        await PassAsync(SearchDebounce);
        list.WaitForAssertion(() => Assert.Equal([alice.OrderId.ToString()], Rows(list).Select(r => r.GetAttribute("data-order-id"))));

        list.Find("input[data-testid=order-search]").Input("3f2504e0-4f");
        await PassAsync(SearchDebounce);
        list.WaitForAssertion(() => Assert.Equal([bob.OrderId.ToString()], Rows(list).Select(r => r.GetAttribute("data-order-id"))));
    }

    [Fact]
    public async Task A_pushed_update_brings_a_new_order_to_the_top_without_a_reload()
    {
        await Database.AddAsync(Placed(T0), Placed(T0.AddMinutes(1)));
        var list = RenderOrders<OrderList>();
        Assert.Equal(2, Rows(list).Count);

        var placed = Placed(T0.AddMinutes(2), customerId: "new-customer");
        await Database.AddAsync(placed);
        await PushAsync(placed);

        list.WaitForAssertion(() => Assert.Equal(placed.OrderId.ToString(), Rows(list)[0].GetAttribute("data-order-id")), PushShown);
        Assert.Equal("3", Count(list, "count-all"));
    }

    [Fact]
    public async Task A_pushed_update_moves_an_orders_status_and_the_counts()
    {
        var order = Placed(T0);
        await Database.AddAsync(order);
        var list = RenderOrders<OrderList>();
        Assert.Equal(OrderStatus.Placed, StatusOf(Rows(list)[0]));

        order.PaymentAuthorized(T0.AddSeconds(1)).StockReserved(T0.AddSeconds(2)).ShipmentScheduled(T0.AddSeconds(3)).Confirmed(T0.AddSeconds(4));
        await Database.UpdateAsync(order);
        await PushAsync(order);

        list.WaitForAssertion(() => Assert.Equal(OrderStatus.Confirmed, StatusOf(Rows(list)[0])), PushShown);
        Assert.Equal("1", Count(list, "count-confirmed"));
        Assert.Equal("0", Count(list, "count-in-progress"));
    }

    [Fact]
    public async Task A_push_that_arrives_before_the_projection_wrote_the_event_is_retried_shortly_after()
    {
        await Database.AddAsync(Placed(T0));
        var list = RenderOrders<OrderList>();

        // The dashboard's own copy of the log is faster than Projections.Worker's: push first, project later.
        var placed = Placed(T0.AddMinutes(1));
        await PushAsync(placed);
        // The watch waits for its retry only once it found the event missing and decided not to refresh.
        await Clock.WaitForTimerAsync(RetryDelay);
        Assert.Single(Rows(list));
        await Database.AddAsync(placed);

        Clock.Advance(RetryDelay);
        list.WaitForAssertion(() => Assert.Equal(2, Rows(list).Count), PushShown);
    }

    [Fact]
    public async Task Ten_thousand_orders_load_one_page_at_a_time()
    {
        var statuses = new[] { OrderStatus.Confirmed, OrderStatus.Confirmed, OrderStatus.Cancelled, OrderStatus.Placed, OrderStatus.Cancelling };
        await Database.AddSummariesAsync(Enumerable.Range(0, 10_000).Select(i => new OrderSummary
        {
            OrderId = Guid.NewGuid(),
            CustomerId = $"c-{i % 700}",
            Status = statuses[i % statuses.Length],
            Total = 10 + (i % 90),
            Currency = "EUR",
            Lines = 1,
            PlacedAt = T0.AddSeconds(i),
            LastEventAt = T0.AddSeconds(i + 2),
            CompletedAt = i % 5 < 3 ? T0.AddSeconds(i + 2) : null,
            EventCount = 5,
        }));

        var clock = Stopwatch.StartNew();
        var list = RenderOrders<OrderList>();
        output.WriteLine($"First render over 10,000 orders: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(50, Rows(list).Count);
        Assert.Equal("1–50 of 10,000", list.Find("[data-testid=order-range]").TextContent.Trim());
        Assert.Equal(T0.AddSeconds(9_999).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            Rows(list)[0].QuerySelector("td")!.TextContent.Trim());

        clock.Restart();
        list.Find("[data-testid=filter-cancelled]").Click();
        list.WaitForAssertion(() => Assert.All(Rows(list), r => Assert.Equal(OrderStatus.Cancelled, StatusOf(r))));
        output.WriteLine($"Filtered to cancelled: {clock.ElapsedMilliseconds} ms");
        Assert.Equal("1–50 of 2,000", list.Find("[data-testid=order-range]").TextContent.Trim());
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<OrderList> list) => list.FindAll("[data-testid=order-row]");

    private static string? StatusOf(IElement row) => row.QuerySelector("[data-testid=order-status]")!.GetAttribute("data-status");

    private static string Count(IRenderedComponent<OrderList> list, string testId) =>
        list.Find($"[data-testid={testId}] h4").TextContent.Trim();
}
