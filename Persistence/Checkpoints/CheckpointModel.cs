using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Persistence.Checkpoints;

public static class CheckpointModel
{
    /// <summary>Maps <see cref="SubscriptionCheckpoint"/> into a context whose subscriptions store their offsets with their data.</summary>
    public static ModelBuilder AddSubscriptionCheckpoints(this ModelBuilder modelBuilder, string table, string subscriptionColumn = nameof(SubscriptionCheckpoint.Subscription))
    {
        modelBuilder.Entity<SubscriptionCheckpoint>(e =>
        {
            e.ToTable(table);
            e.HasKey(x => new { x.Subscription, x.Topic, x.Partition });
            e.Property(x => x.Subscription).HasColumnName(subscriptionColumn).HasMaxLength(100);
            e.Property(x => x.Topic).HasMaxLength(249);
        });
        return modelBuilder;
    }
}
