using System.Collections.Concurrent;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// Asks a running <see cref="KafkaSubscription"/> of this process to re-read its checkpoints and
/// seek to them, e.g. after a rebuild emptied them: otherwise an idle partition would stay where it was until its next
/// record failed the checkpoint's compare-and-set. The subscription does it between two batches, on its own thread.
/// </summary>
public sealed class SubscriptionRewinds
{
    private readonly ConcurrentDictionary<string, bool> _requested = new(StringComparer.Ordinal);

    public void Request(string subscription) => _requested[subscription] = true;

    public bool TryTake(string subscription) => _requested.TryRemove(subscription, out _);
}
