namespace EdaAspire.Contracts.Orders;

/// <summary>
/// What <c>GET /api/backlog</c> of the saga answers: how far behind it is, which Ingestion.Api weighs before it takes
/// an order.
/// </summary>
/// <param name="OrdersLag">Events on topic <c>orders</c> the saga has not handled yet; null while it does not know (no partition assigned, nothing handled since it started).</param>
/// <param name="OutboxBacklog">Messages the saga stored and has not sent yet.</param>
/// <param name="QueueDepth">Commands sent to the fulfillment queue that no worker has taken yet; null while not counted.</param>
public sealed record SagaBacklog(long? OrdersLag, long OutboxBacklog, long? QueueDepth = null);
