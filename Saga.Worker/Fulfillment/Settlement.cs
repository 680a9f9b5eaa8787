using EdaAspire.WorkQueue;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// How a delivery is to end, decided by the handler before it touches the queue; <see cref="Outcome"/> is what it
/// counts as, <see cref="ErrorType"/> why it did not simply complete (the span's <c>error.type</c>).
/// </summary>
internal abstract record Settlement(string Outcome, string? ErrorType)
{
    public sealed record Complete(string Outcome) : Settlement(Outcome, null);

    /// <summary>Abandon: delivered again after <paramref name="Delay"/>, or dead-lettered at the queue's maximum delivery count.</summary>
    public sealed record Retry(TimeSpan Delay, string Reason) : Settlement(FulfillmentOutcomes.Transient, Reason);

    /// <summary>Sends <paramref name="Next"/>, the next attempt, and completes this delivery: failures do not add up toward the dead-letter limit.</summary>
    public sealed record SendAgain(QueueMessage Next, string Reason) : Settlement(FulfillmentOutcomes.Transient, Reason);

    /// <summary>Never retried: no delivery could handle it.</summary>
    public sealed record DeadLetter(string Reason, string Description) : Settlement(FulfillmentOutcomes.DeadLettered, Reason);
}
