using EdaAspire.ReadModels.Orders;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>The groups of statuses the orders list filters by.</summary>
public enum OrderStatusFilter
{
    All,
    /// <summary>The saga is still working its steps (placed, paid, reserved, scheduled).</summary>
    InProgress,
    Cancelling,
    Confirmed,
    Cancelled,
}

/// <summary>What each filter means in statuses, and how it is written in the address (<c>?status=in-progress</c>).</summary>
public static class OrderStatusFilters
{
    public static IReadOnlyList<OrderStatusFilter> All { get; } = Enum.GetValues<OrderStatusFilter>();

    public static IReadOnlyList<string> InProgressStatuses { get; } =
        [OrderStatus.Placed, OrderStatus.PaymentAuthorized, OrderStatus.StockReserved, OrderStatus.ShipmentScheduled];

    /// <summary>The statuses a filter admits; null for all of them (no condition at all, so the query stays on the PlacedAt index).</summary>
    public static IReadOnlyList<string>? Statuses(this OrderStatusFilter filter) => filter switch
    {
        OrderStatusFilter.All => null,
        OrderStatusFilter.InProgress => InProgressStatuses,
        OrderStatusFilter.Cancelling => [OrderStatus.Cancelling],
        OrderStatusFilter.Confirmed => [OrderStatus.Confirmed],
        OrderStatusFilter.Cancelled => [OrderStatus.Cancelled],
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
    };

    public static string Label(this OrderStatusFilter filter) => filter switch
    {
        OrderStatusFilter.InProgress => "In progress",
        _ => filter.ToString(),
    };

    public static string Slug(this OrderStatusFilter filter) => filter switch
    {
        OrderStatusFilter.InProgress => "in-progress",
        _ => filter.ToString().ToLowerInvariant(),
    };

    /// <summary>The filter a slug names; anything else (a typo, an old link) means all orders.</summary>
    public static OrderStatusFilter FromSlug(string? slug) =>
        All.FirstOrDefault(f => string.Equals(f.Slug(), slug, StringComparison.OrdinalIgnoreCase));
}
