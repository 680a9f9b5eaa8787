using EdaAspire.ReadModels.Orders;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>How many orders are in each status (as the read side names them), and in each filter's group.</summary>
public sealed class OrderStatusCounts(IReadOnlyDictionary<string, int> byStatus)
{
    public static OrderStatusCounts None { get; } = new(new Dictionary<string, int>());

    public int Total { get; } = byStatus.Values.Sum();

    public int Of(string status) => byStatus.GetValueOrDefault(status);

    public int Of(OrderStatusFilter filter) => filter.Statuses() is { } statuses ? statuses.Sum(Of) : Total;

    /// <summary>The in-progress orders per step, for the breakdown under their count.</summary>
    public IEnumerable<(string Status, int Count)> InProgressByStatus =>
        OrderStatusFilters.InProgressStatuses.Select(s => (s, Of(s)));
}
