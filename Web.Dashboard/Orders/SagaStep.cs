namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>One step of an order's saga as the order page draws it.</summary>
/// <param name="At">When the step's event happened (UTC); null for a step that has not.</param>
/// <param name="Duration">How long the step took: from the previous step that happened to this one.</param>
/// <param name="Detail">What the event said beyond its name, e.g. the reason of a failure.</param>
public sealed record SagaStep(string Name, SagaStepState State, DateTime? At, TimeSpan? Duration, string? Detail = null);

public enum SagaStepState
{
    Done,
    Failed,
    /// <summary>A compensating action after a failure: a refund, a released reservation.</summary>
    Compensated,
    /// <summary>The step the saga is waiting for now.</summary>
    Waiting,
    /// <summary>Still ahead: the saga gets there after the step it is waiting for.</summary>
    Pending,
    /// <summary>Not reached and never will be: an earlier step failed, or the order ended without it.</summary>
    Skipped,
}
