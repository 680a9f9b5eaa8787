namespace EdaAspire.Contracts.Orders;

/// <summary>
/// What <c>GET /api/admission</c> of Ingestion.Api answers: whether it refuses new orders now, and why.
/// </summary>
/// <param name="Shedding">True while <c>POST /api/orders</c> answers 503.</param>
/// <param name="Reason">A short code: <c>saga-lag</c> or <c>outbox-backlog</c> while shedding; otherwise why it accepts (<c>within-limits</c>, <c>saga-unreachable</c>, <c>stale-answer</c>, <c>no-answer-yet</c>, <c>not-configured</c>).</param>
/// <param name="Detail">The same in a sentence, as the 503's ProblemDetails says it.</param>
/// <param name="Backlog">The saga's last answer, if any.</param>
/// <param name="CheckedAt">When the saga was last asked (whether it answered or not); null before the first time.</param>
public sealed record AdmissionStatus(bool Shedding, string Reason, string Detail, SagaBacklog? Backlog, DateTimeOffset? CheckedAt);
