using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.ReadModels.Orders;
using EdaAspire.Web.Dashboard.Components.Orders;

namespace EdaAspire.DashboardTests.Orders;

public sealed class OrderStatusChipTests : DashboardContext
{
    [Theory]
    [InlineData(OrderStatus.Placed, "Placed", "info")]
    [InlineData(OrderStatus.PaymentAuthorized, "Payment authorized", "info")]
    [InlineData(OrderStatus.StockReserved, "Stock reserved", "info")]
    [InlineData(OrderStatus.ShipmentScheduled, "Shipment scheduled", "info")]
    [InlineData(OrderStatus.Cancelling, "Cancelling", "warning")]
    [InlineData(OrderStatus.Confirmed, "Confirmed", "success")]
    [InlineData(OrderStatus.Cancelled, "Cancelled", "error")]
    [InlineData("Refunding", "Refunding", "default")]
    public void Shows_each_status_in_words_and_the_colour_of_its_group(string status, string label, string color)
    {
        var chip = Render<OrderStatusChip>(p => p.Add(c => c.Status, status)).Find("[data-testid=order-status]");

        Assert.Equal(label, chip.TextContent.Trim());
        Assert.Contains($"mud-chip-color-{color}", chip.ClassName, StringComparison.Ordinal);
        Assert.Equal(status, chip.GetAttribute("data-status"));
    }
}
