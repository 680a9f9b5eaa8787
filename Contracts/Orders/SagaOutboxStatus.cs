namespace EdaAspire.Contracts.Orders;

/// <summary>What <c>GET /api/outbox</c> of the saga answers: messages it stored and has not sent yet.</summary>
public sealed record SagaOutboxStatus(long Backlog);
