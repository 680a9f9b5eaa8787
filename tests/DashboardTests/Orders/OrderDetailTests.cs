using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.ReadModels.Orders;
using EdaAspire.Web.Dashboard.Components.Pages;
using EdaAspire.Web.Dashboard.Orders;
using static EdaAspire.DashboardTests.Infrastructure.TestOrder;

namespace EdaAspire.DashboardTests.Orders;

public sealed class OrderDetailTests : DashboardContext
{
    private static readonly TimeSpan PushShown = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Shows_the_summary_the_saga_the_history_and_every_event()
    {
        var order = ConfirmedOrder(T0, TimeSpan.FromSeconds(1));
        await Database.AddAsync(order, Placed(T0.AddMinutes(1)));

        var page = RenderOrders<OrderDetail>(p => p.Add(c => c.OrderId, order.OrderId));

        Assert.Equal(order.OrderId.ToString(), page.Find("[data-testid=order-id]").TextContent);
        Assert.Equal(OrderStatus.Confirmed, page.Find("[data-testid=order-summary] [data-testid=order-status]").GetAttribute("data-status"));
        Assert.Equal(5, page.FindAll("[data-testid=saga-step]").Count);
        Assert.Equal(OrderStatus.Confirmed, page.Find("[data-testid=history-state] [data-testid=order-status]").GetAttribute("data-status"));
        Assert.Equal(5, page.FindAll("[data-testid=order-event]").Count);
    }

    [Fact]
    public async Task Moving_the_history_greys_the_events_not_folded()
    {
        var order = ConfirmedOrder(T0, TimeSpan.FromSeconds(1));
        await Database.AddAsync(order);
        var page = RenderOrders<OrderDetail>(p => p.Add(c => c.OrderId, order.OrderId));

        page.Find("input[data-testid=history-slider]").Input("1");

        Assert.Equal(3, page.FindAll("[data-testid=order-event].event-later").Count);
    }

    [Fact]
    public async Task An_order_not_projected_yet_appears_by_itself_when_its_events_are_pushed()
    {
        var order = Placed(T0);
        var page = RenderOrders<OrderDetail>(p => p.Add(c => c.OrderId, order.OrderId));
        Assert.NotNull(page.Find("[data-testid=order-not-projected]"));

        await Database.AddAsync(order);
        await PushAsync(order);

        page.WaitForAssertion(() => Assert.Equal(
            OrderStatus.Placed,
            page.Find("[data-testid=order-summary] [data-testid=order-status]").GetAttribute("data-status")), PushShown);
    }

    [Fact]
    public async Task An_event_projected_just_after_the_page_read_shows_without_a_push_of_its_own()
    {
        // Pushed while the page was loading, before it subscribed; projected after its first read.
        var order = Placed(T0);
        var page = RenderOrders<OrderDetail>(p => p.Add(c => c.OrderId, order.OrderId));
        await Database.AddAsync(order);

        await PassAsync(RetryDelay);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=order-summary]")), PushShown);
    }

    [Fact]
    public async Task A_pushed_event_of_the_order_moves_its_saga_on()
    {
        var order = Placed(T0);
        await Database.AddAsync(order);
        var page = RenderOrders<OrderDetail>(p => p.Add(c => c.OrderId, order.OrderId));
        Assert.Equal("Waiting", page.Find($"[data-step='{SagaSteps.Payment}']").GetAttribute("data-state"));

        order.PaymentAuthorized(T0.AddSeconds(2));
        await Database.UpdateAsync(order);
        await PushAsync(order);

        page.WaitForAssertion(() => Assert.Equal("Done", page.Find($"[data-step='{SagaSteps.Payment}']").GetAttribute("data-state")), PushShown);
        Assert.Equal("+2.0 s", page.Find($"[data-step='{SagaSteps.Payment}'] [data-testid=step-duration]").TextContent.Trim());
        Assert.Equal(2, page.FindAll("[data-testid=order-event]").Count);
    }
}
