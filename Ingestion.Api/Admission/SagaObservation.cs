using EdaAspire.Contracts.Orders;

namespace EdaAspire.Ingestion.Api.Admission;

/// <summary>What ingestion last heard from the saga: its last answer and, if later, its last failure to answer.</summary>
public sealed record SagaObservation(SagaBacklog? Backlog, DateTimeOffset? AnsweredAt, DateTimeOffset? FailedAt, string? Failure)
{
    public static readonly SagaObservation None = new(null, null, null, null);

    /// <summary>When the saga was last asked: a failure is only kept when it came after the answer.</summary>
    public DateTimeOffset? CheckedAt => FailedAt ?? AnsweredAt;

    public SagaObservation Answered(SagaBacklog backlog, DateTimeOffset at) => new(backlog, at, null, null);

    /// <summary>The last answer stays: it counts until it is too old (<see cref="AdmissionOptions.MaxAnswerAge"/>).</summary>
    public SagaObservation Unanswered(DateTimeOffset at, string failure) => this with { FailedAt = at, Failure = failure };
}
