namespace EdaAspire.Web.Dashboard.Orders.Live;

/// <summary>
/// A push: something happened to an order. Only enough to know what to re-read — the read model, not this,
/// is what the pages show, because the read model is what the event did to the order.
/// </summary>
/// <param name="EventId">The CloudEvents id, by which the read model's timeline tells whether it has the event yet.</param>
/// <param name="Type">The CloudEvents type, e.g. <c>shop.order.confirmed.v1</c>.</param>
public sealed record OrderUpdate(Guid OrderId, string EventId, string Type, DateTimeOffset OccurredAt);
