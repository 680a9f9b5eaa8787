using EdaAspire.ReadModels.Orders;
using EdaAspire.Web.Dashboard.Orders;

namespace EdaAspire.DashboardTests.Orders;

public sealed class OrderStatusFilterTests
{
    [Fact]
    public void In_progress_is_every_step_before_an_outcome_or_a_compensation()
    {
        Assert.Equal(
            [OrderStatus.Placed, OrderStatus.PaymentAuthorized, OrderStatus.StockReserved, OrderStatus.ShipmentScheduled],
            OrderStatusFilter.InProgress.Statuses());
    }

    [Theory]
    [InlineData(OrderStatusFilter.Cancelling, OrderStatus.Cancelling)]
    [InlineData(OrderStatusFilter.Confirmed, OrderStatus.Confirmed)]
    [InlineData(OrderStatusFilter.Cancelled, OrderStatus.Cancelled)]
    public void The_other_filters_are_one_status_each(OrderStatusFilter filter, string status) =>
        Assert.Equal([status], filter.Statuses());

    [Fact]
    public void All_puts_no_condition_on_the_status() => Assert.Null(OrderStatusFilter.All.Statuses());

    [Fact]
    public void Every_status_but_an_unknown_one_belongs_to_exactly_one_filter()
    {
        string[] statuses = [OrderStatus.Placed, OrderStatus.PaymentAuthorized, OrderStatus.StockReserved, OrderStatus.ShipmentScheduled,
            OrderStatus.Cancelling, OrderStatus.Confirmed, OrderStatus.Cancelled];

        foreach (var status in statuses)
        {
            Assert.Single(OrderStatusFilters.All, f => f.Statuses()?.Contains(status) == true);
        }
    }

    [Theory]
    [InlineData(OrderStatusFilter.All, "all", "All")]
    [InlineData(OrderStatusFilter.InProgress, "in-progress", "In progress")]
    [InlineData(OrderStatusFilter.Cancelling, "cancelling", "Cancelling")]
    [InlineData(OrderStatusFilter.Confirmed, "confirmed", "Confirmed")]
    [InlineData(OrderStatusFilter.Cancelled, "cancelled", "Cancelled")]
    public void A_filter_has_a_label_and_an_address_slug_that_reads_back(OrderStatusFilter filter, string slug, string label)
    {
        Assert.Equal(slug, filter.Slug());
        Assert.Equal(label, filter.Label());
        Assert.Equal(filter, OrderStatusFilters.FromSlug(slug));
        Assert.Equal(filter, OrderStatusFilters.FromSlug(slug.ToUpperInvariant()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("shipped")]
    public void An_unknown_slug_shows_all_orders(string? slug) => Assert.Equal(OrderStatusFilter.All, OrderStatusFilters.FromSlug(slug));

    [Fact]
    public void Counts_add_up_per_filter()
    {
        var counts = new OrderStatusCounts(new Dictionary<string, int>
        {
            [OrderStatus.Placed] = 2,
            [OrderStatus.ShipmentScheduled] = 3,
            [OrderStatus.Cancelling] = 1,
            [OrderStatus.Confirmed] = 10,
            [OrderStatus.Cancelled] = 4,
        });

        Assert.Equal(20, counts.Total);
        Assert.Equal(20, counts.Of(OrderStatusFilter.All));
        Assert.Equal(5, counts.Of(OrderStatusFilter.InProgress));
        Assert.Equal(1, counts.Of(OrderStatusFilter.Cancelling));
        Assert.Equal(10, counts.Of(OrderStatusFilter.Confirmed));
        Assert.Equal(4, counts.Of(OrderStatusFilter.Cancelled));
    }
}
