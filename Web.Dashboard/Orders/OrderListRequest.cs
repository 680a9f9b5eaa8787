namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>One page of the orders list: which orders (filter, search) and where in them (1-based page).</summary>
/// <param name="Search">An order id prefix or a customer id; blank for every order.</param>
public sealed record OrderListRequest(OrderStatusFilter Filter, string? Search, int Page)
{
    public const int PageSize = 50;

    public static OrderListRequest Default { get; } = new(OrderStatusFilter.All, null, 1);
}
