using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Persistence.Checkpoints;

/// <summary>
/// A handler whose effects live in the same database as its checkpoints. The pipeline
/// (<see cref="TransactionalHandlerStep{THandler,TContext,T}"/>) opens one transaction per batch that moves the
/// checkpoints (compare-and-set), asks which messages were handled before, lets <see cref="ApplyAsync"/> write the others
/// and saves and commits it all at once: a batch counts once or not at all.
/// </summary>
public interface ITransactionalHandler<T>
    where T : class
{
    /// <summary>
    /// The ids of these messages already applied (an inbox, or the read model's own record of them), read inside the
    /// transaction; the pipeline then also drops a copy that comes twice in the batch. Null: this handler does not deduplicate.
    /// </summary>
    Task<IReadOnlySet<string>?> HandledAsync(IReadOnlyList<Known<T>> messages, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>?>(null);

    /// <summary>
    /// Writes the effects of the messages not handled before through the context, inside the transaction; the pipeline saves.
    /// Runs again from the start if the transaction is retried.
    /// </summary>
    Task ApplyAsync(MessageBatch<T> fresh, CancellationToken cancellationToken);

    /// <summary>After the commit, with what <see cref="ApplyAsync"/> last applied: for telemetry and logs.</summary>
    void Committed(MessageBatch<T> applied)
    {
    }
}
