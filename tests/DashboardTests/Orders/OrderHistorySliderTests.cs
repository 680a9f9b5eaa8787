using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.ReadModels.Orders;
using EdaAspire.Web.Dashboard.Components.Orders;
using static EdaAspire.DashboardTests.Infrastructure.TestOrder;

namespace EdaAspire.DashboardTests.Orders;

public sealed class OrderHistorySliderTests : DashboardContext
{
    private readonly TestOrder _order = ConfirmedOrder(T0, TimeSpan.FromSeconds(1));

    [Fact]
    public void Starts_at_the_latest_event_with_the_current_state()
    {
        var history = Render<OrderHistorySlider>(p => p.Add(c => c.Timeline, _order.Timeline));

        Assert.Equal(OrderStatus.Confirmed, StatusShown(history));
        Assert.Equal("4", history.Find("input[type=range]").GetAttribute("max"));
        Assert.Contains("5 of 5 events (now)", history.Find("[data-testid=history-moment]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, OrderStatus.Placed, 1)]
    [InlineData(1, OrderStatus.PaymentAuthorized, 2)]
    [InlineData(2, OrderStatus.StockReserved, 3)]
    [InlineData(3, OrderStatus.ShipmentScheduled, 4)]
    public void Shows_the_order_as_it_stood_at_the_moment_picked(int position, string status, int folded)
    {
        DateTime? reported = null;
        var history = Render<OrderHistorySlider>(p => p
            .Add(c => c.Timeline, _order.Timeline)
            .Add(c => c.MomentChanged, moment => reported = moment));

        history.Find("input[type=range]").Input(position.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(status, StatusShown(history));
        var moment = T0.AddSeconds(position);
        Assert.Equal(moment, reported);
        Assert.Contains($"{folded} of 5 events", history.Find("[data-testid=history-moment]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 12:00:0" + position + ".000 UTC", history.Find("[data-testid=history-moment]").TextContent, StringComparison.Ordinal);
        // The fold up to then: later steps have no time yet.
        Assert.Equal("—", history.Find("[data-testid=history-state] [data-testid=completed-at]").TextContent.Trim());
    }

    [Fact]
    public void A_moment_picked_stays_while_new_events_arrive_and_the_end_follows_them()
    {
        var order = Placed(T0).PaymentAuthorized(T0.AddSeconds(1));
        var history = Render<OrderHistorySlider>(p => p.Add(c => c.Timeline, order.Timeline.ToList()));

        // At the end: a new event moves "now" along.
        order.StockReserved(T0.AddSeconds(2));
        history.Render(p => p.Add(c => c.Timeline, order.Timeline.ToList()));
        Assert.Equal(OrderStatus.StockReserved, StatusShown(history));

        // A moment in the past stays put.
        history.Find("input[type=range]").Input("0");
        order.Confirmed(T0.AddSeconds(3));
        history.Render(p => p.Add(c => c.Timeline, order.Timeline.ToList()));
        Assert.Equal(OrderStatus.Placed, StatusShown(history));
        Assert.Equal("3", history.Find("input[type=range]").GetAttribute("max"));
    }

    private static string? StatusShown(IRenderedComponent<OrderHistorySlider> history) =>
        history.Find("[data-testid=history-state] [data-testid=order-status]").GetAttribute("data-status");
}
