namespace EdaAspire.Saga.Worker.Outbox;

/// <summary>
/// Wakes the outbox relay when a transaction of this process committed outbox rows, so the relay sends them at once
/// instead of polling the table often; it still polls slowly for rows it is not told of (another replica's, a retry
/// coming due, rows left by a crash).
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes when <see cref="Notify"/> is next called. Take it before reading the outbox, so no call is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Call after the commit, never before: a relay woken early would find nothing and go back to sleep.</summary>
    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
