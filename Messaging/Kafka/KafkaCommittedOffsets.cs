namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// For subscribers whose effects live outside a database (files, HTTP calls): no checkpoints of their own, so
/// they resume from the group's committed offset, which the subscription commits after every handled batch.
/// At-least-once: a crash between an effect and the commit repeats the effect, so effects must be idempotent.
/// Use with <see cref="StartPosition.Committed"/>.
/// </summary>
public sealed class KafkaCommittedOffsets : ICheckpointStore
{
    private static readonly IReadOnlyDictionary<LogPartition, long> None = new Dictionary<LogPartition, long>();

    public Task<IReadOnlyDictionary<LogPartition, long>> LoadAsync(string subscription, IReadOnlyCollection<LogPartition> partitions, CancellationToken cancellationToken) =>
        Task.FromResult(None);
}
