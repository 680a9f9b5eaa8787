namespace EdaAspire.Persistence.Checkpoints;

/// <summary>
/// Where a subscription has read a partition up to: the next offset to handle. Written in the same
/// transaction as the subscription's effects, which is what makes each event count exactly once.
/// </summary>
public sealed class SubscriptionCheckpoint
{
    public required string Subscription { get; set; }

    public required string Topic { get; set; }

    public int Partition { get; set; }

    public long NextOffset { get; set; }
}
