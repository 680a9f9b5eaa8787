using EdaAspire.ReadModels.Orders;
using MudBlazor;

namespace EdaAspire.Web.Dashboard.Components.Orders;

/// <summary>How a status looks wherever it is shown: words for people, one colour per group of statuses.</summary>
public static class OrderStatusStyle
{
    public static string Label(string status) => status switch
    {
        OrderStatus.PaymentAuthorized => "Payment authorized",
        OrderStatus.StockReserved => "Stock reserved",
        OrderStatus.ShipmentScheduled => "Shipment scheduled",
        _ => status,
    };

    /// <summary>In progress is neutral, cancelling a warning, the outcomes success or error; a status this version does not know is plain.</summary>
    public static Color Color(string status) => status switch
    {
        OrderStatus.Confirmed => MudBlazor.Color.Success,
        OrderStatus.Cancelled => MudBlazor.Color.Error,
        OrderStatus.Cancelling => MudBlazor.Color.Warning,
        OrderStatus.Placed or OrderStatus.PaymentAuthorized or OrderStatus.StockReserved or OrderStatus.ShipmentScheduled => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };

    public static string Icon(string status) => status switch
    {
        OrderStatus.Placed => Icons.Material.Filled.ShoppingCart,
        OrderStatus.PaymentAuthorized => Icons.Material.Filled.CreditCard,
        OrderStatus.StockReserved => Icons.Material.Filled.Inventory2,
        OrderStatus.ShipmentScheduled => Icons.Material.Filled.LocalShipping,
        OrderStatus.Cancelling => Icons.Material.Filled.Undo,
        OrderStatus.Confirmed => Icons.Material.Filled.CheckCircle,
        OrderStatus.Cancelled => Icons.Material.Filled.Cancel,
        _ => Icons.Material.Filled.HelpOutline,
    };
}
