using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.Web.Dashboard.Components.Orders;
using static EdaAspire.DashboardTests.Infrastructure.TestOrder;

namespace EdaAspire.DashboardTests.Orders;

public sealed class OrdersTableTests : DashboardContext
{
    [Fact]
    public void A_finished_order_lasted_from_placed_to_its_outcome()
    {
        var order = Placed(T0).PaymentDeclined(T0.AddSeconds(1)).Cancelled(T0.AddSeconds(1.5));

        Assert.Equal("1.5 s", Duration(order, now: T0.AddHours(1)));
    }

    [Fact]
    public void An_open_order_has_run_since_it_was_placed()
    {
        var order = Placed(T0).PaymentAuthorized(T0.AddSeconds(1));

        Assert.Equal("1 min 30 s …", Duration(order, now: T0.AddSeconds(90)));
    }

    [Fact]
    public void An_order_placed_by_a_clock_slightly_ahead_is_not_negative() =>
        Assert.Equal("0 ms …", Duration(Placed(T0), now: T0.AddSeconds(-2)));

    [Fact]
    public void No_orders_says_so() =>
        Assert.Equal("Nothing here.", Render<OrdersTable>(p => p
            .Add(c => c.Orders, [])
            .Add(c => c.EmptyText, "Nothing here.")
            .Add(c => c.Now, T0)).Find("[data-testid=no-orders]").TextContent);

    private string Duration(TestOrder order, DateTime now) =>
        Render<OrdersTable>(p => p.Add(c => c.Orders, [order.Summary]).Add(c => c.Now, now))
            .FindAll("[data-testid=order-row] td")[^1].TextContent.Trim();
}
