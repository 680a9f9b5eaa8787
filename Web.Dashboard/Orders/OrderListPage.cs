using EdaAspire.ReadModels.Orders;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>The orders of one page, newest first, how many match in all, and the counts per status of every order.</summary>
/// <param name="Page">The page shown: the one asked for, or the last one when fewer orders match now.</param>
public sealed record OrderListPage(IReadOnlyList<OrderSummary> Orders, int Page, int Matching, OrderStatusCounts Counts)
{
    public int PageCount => PagesFor(Matching);

    /// <summary>How many pages <paramref name="matching"/> orders fill; at least one, empty or not.</summary>
    public static int PagesFor(int matching) => Math.Max(1, (matching + OrderListRequest.PageSize - 1) / OrderListRequest.PageSize);
}
