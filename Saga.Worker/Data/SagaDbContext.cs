using System.Text.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.Saga.Worker.Inbox;
using EdaAspire.Saga.Worker.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EdaAspire.Saga.Worker.Data;

/// <summary>
/// The saga's own database: one row per order's process (optimistic concurrency on Version), the inbox of
/// handled event ids, the outbox of messages to send, and the subscription's checkpoints — all written in
/// one transaction per batch.
/// </summary>
public sealed class SagaDbContext(DbContextOptions<SagaDbContext> options) : DbContext(options)
{
    public const string ConnectionName = "sagas";

    public DbSet<OrderSagaState> Sagas => Set<OrderSagaState>();

    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type to compare in SQL; deadlines are queried by time, so store instants as numbers there.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var json = ContractsJsonContext.Default;
        modelBuilder.Entity<OrderSagaState>(e =>
        {
            e.ToTable("OrderSagas");
            e.HasKey(x => x.OrderId);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.CustomerId).HasMaxLength(128);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Total).HasPrecision(18, 2);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.PaymentId).HasMaxLength(64);
            e.Property(x => x.ReservationId).HasMaxLength(64);
            e.Property(x => x.ShipmentId).HasMaxLength(64);
            e.Property(x => x.CancelReason).HasMaxLength(500);
            e.Property(x => x.Lines).HasConversion(Json(json.IReadOnlyListOrderLine), new ValueComparer<IReadOnlyList<OrderLine>>(
                (a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
            e.Property(x => x.ShippingAddress).HasConversion(Json(json.ShippingAddress));
            e.HasIndex(x => x.DeadlineAt);
        });

        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable("Inbox");
            e.HasKey(x => x.MessageId);
            e.Property(x => x.MessageId).HasMaxLength(128);
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("Outbox");
            e.HasKey(x => x.Id);
            e.Property(x => x.MessageId).HasMaxLength(128);
            e.Property(x => x.Destination).HasMaxLength(64);
            e.Property(x => x.Type).HasMaxLength(128);
            e.Property(x => x.OrderId).HasMaxLength(64);
            e.Property(x => x.TraceParent).HasMaxLength(64);
            e.Property(x => x.CausationId).HasMaxLength(128);
            e.Property(x => x.LastError).HasMaxLength(1000);
            e.HasIndex(x => x.NextAttemptAt);
        });

        modelBuilder.AddSubscriptionCheckpoints("SubscriptionCheckpoints");
    }

    /// <summary>Value objects stored as one JSON column, compared by content.</summary>
    private static ValueConverter<T, string> Json<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        new(v => JsonSerializer.Serialize(v, typeInfo), s => JsonSerializer.Deserialize(s, typeInfo)!);
}
