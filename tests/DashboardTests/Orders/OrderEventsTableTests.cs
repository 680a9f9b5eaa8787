using EdaAspire.Contracts.Orders;
using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.Web.Dashboard.Components.Orders;
using static EdaAspire.DashboardTests.Infrastructure.TestOrder;

namespace EdaAspire.DashboardTests.Orders;

public sealed class OrderEventsTableTests : DashboardContext
{
    private readonly TestOrder _order = ConfirmedOrder(T0, TimeSpan.FromMilliseconds(1200));

    [Fact]
    public void Lists_every_event_with_its_type_and_time_since_placed()
    {
        var table = RenderOrders<OrderEventsTable>(p => p.Add(c => c.Timeline, _order.Timeline));

        var rows = table.FindAll("[data-testid=order-event]");
        Assert.Equal(5, rows.Count);
        Assert.Contains(OrderEventCatalog.OrderPlacedType, rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("shop.order.confirmed.v1", rows[4].TextContent, StringComparison.Ordinal);
        Assert.Contains("4.8 s", rows[4].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_opens_as_indented_json_and_closes_again()
    {
        var table = RenderOrders<OrderEventsTable>(p => p.Add(c => c.Timeline, _order.Timeline));
        Assert.Empty(table.FindAll("[data-testid=payload]"));

        table.FindAll("[data-testid=toggle-payload]")[0].Click();

        var payload = table.Find("[data-testid=payload]").TextContent;
        Assert.Contains("\n  \"customerId\": \"c-1\"", payload, StringComparison.Ordinal);

        table.FindAll("[data-testid=toggle-payload]")[0].Click();
        Assert.Empty(table.FindAll("[data-testid=payload]"));
    }

    [Fact]
    public void Trace_ids_link_to_the_aspire_dashboard_when_it_is_configured()
    {
        WithAspireDashboard();
        var table = RenderOrders<OrderEventsTable>(p => p.Add(c => c.Timeline, _order.Timeline));

        var link = table.FindAll("[data-testid=trace-link]")[0];
        Assert.Equal($"{AspireDashboardUrl}/traces/detail/{_order.Timeline[0].TraceId}", link.GetAttribute("href"));
    }

    [Fact]
    public void Without_an_aspire_dashboard_the_trace_id_is_shown_bare()
    {
        var table = RenderOrders<OrderEventsTable>(p => p.Add(c => c.Timeline, _order.Timeline));

        Assert.Empty(table.FindAll("[data-testid=trace-link]"));
        Assert.Contains(_order.Timeline[0].TraceId!, table.FindAll("[data-testid=order-event]")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_after_the_moment_picked_are_greyed()
    {
        var table = RenderOrders<OrderEventsTable>(p => p
            .Add(c => c.Timeline, _order.Timeline)
            .Add(c => c.Until, _order.Timeline[1].OccurredAt));

        Assert.Equal(
            [false, false, true, true, true],
            table.FindAll("[data-testid=order-event]").Select(r => r.ClassList.Contains("event-later")));
    }
}
