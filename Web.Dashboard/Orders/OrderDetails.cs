using EdaAspire.ReadModels.Orders;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>What the order page shows: the order's summary (null until projected) and its events in log order.</summary>
public sealed record OrderDetails(OrderSummary? Summary, IReadOnlyList<OrderTimelineEntry> Timeline);
