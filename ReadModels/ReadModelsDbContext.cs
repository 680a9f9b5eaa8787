using EdaAspire.Persistence.Checkpoints;
using EdaAspire.ReadModels.Clickstream;
using EdaAspire.ReadModels.Orders;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.ReadModels;

/// <summary>The read models, one table per screen's question, plus the projections' checkpoints.</summary>
public sealed class ReadModelsDbContext(DbContextOptions<ReadModelsDbContext> options) : DbContext(options)
{
    public DbSet<PageViewsPerMinute> PageViewsPerMinute => Set<PageViewsPerMinute>();

    public DbSet<ProductStats> ProductStats => Set<ProductStats>();

    public DbSet<SessionActivity> Sessions => Set<SessionActivity>();

    public DbSet<EventTypeCount> EventTypeCounts => Set<EventTypeCount>();

    public DbSet<OrderSummary> Orders => Set<OrderSummary>();

    public DbSet<OrderTimelineEntry> OrderTimeline => Set<OrderTimelineEntry>();

    public DbSet<OrderLineItem> OrderLines => Set<OrderLineItem>();

    public DbSet<SalesPerMinute> SalesPerMinute => Set<SalesPerMinute>();

    public DbSet<CustomerOrders> Customers => Set<CustomerOrders>();

    public DbSet<SubscriptionCheckpoint> Checkpoints => Set<SubscriptionCheckpoint>();

    /// <summary>Every time is stored as UTC; SQLite hands DateTime back unspecified, so say so on the way out.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PageViewsPerMinute>(e =>
        {
            e.ToTable("PageViewsPerMinute");
            e.HasKey(x => x.Minute);
        });

        modelBuilder.Entity<ProductStats>(e =>
        {
            e.ToTable("ProductStats");
            e.HasKey(x => x.ProductId);
            e.Property(x => x.ProductId).HasMaxLength(Clickstream.ProductStats.MaxIdLength);
        });

        modelBuilder.Entity<SessionActivity>(e =>
        {
            e.ToTable("Sessions");
            e.HasKey(x => x.SessionId);
            e.Property(x => x.SessionId).HasMaxLength(SessionActivity.MaxIdLength);
            e.Property(x => x.UserId).HasMaxLength(SessionActivity.MaxIdLength);
            e.HasIndex(x => x.LastSeen);
        });

        modelBuilder.Entity<EventTypeCount>(e =>
        {
            e.ToTable("EventTypeCounts");
            e.HasKey(x => x.Type);
            e.Property(x => x.Type).HasMaxLength(64);
        });

        OnOrdersCreating(modelBuilder);

        modelBuilder.AddSubscriptionCheckpoints("ProjectionCheckpoints", subscriptionColumn: "Projection");
    }

    private static void OnOrdersCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OrderSummary>(e =>
        {
            e.ToTable("Orders");
            e.HasKey(x => x.OrderId);
            e.Property(x => x.CustomerId).HasMaxLength(128);
            e.Property(x => x.Status).HasMaxLength(32);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.CancelReason).HasMaxLength(500);
            e.Property(x => x.Total).HasPrecision(18, 2);
            e.Property(x => x.Refunded).HasPrecision(18, 2);
            e.HasIndex(x => x.PlacedAt);
            e.HasIndex(x => new { x.Status, x.PlacedAt });
            e.HasIndex(x => new { x.CustomerId, x.PlacedAt });
        });

        modelBuilder.Entity<OrderTimelineEntry>(e =>
        {
            e.ToTable("OrderTimeline");
            e.HasKey(x => new { x.OrderId, x.EventId });
            e.Property(x => x.EventId).HasMaxLength(64);
            e.Property(x => x.Type).HasMaxLength(128);
            e.Property(x => x.TraceId).HasMaxLength(32);
        });

        modelBuilder.Entity<OrderLineItem>(e =>
        {
            e.ToTable("OrderLines");
            e.HasKey(x => new { x.OrderId, x.ProductId });
            e.Property(x => x.ProductId).HasMaxLength(Clickstream.ProductStats.MaxIdLength);
            e.Property(x => x.UnitPrice).HasPrecision(18, 2);
        });

        modelBuilder.Entity<SalesPerMinute>(e =>
        {
            e.ToTable("SalesPerMinute");
            e.HasKey(x => x.Minute);
        });

        modelBuilder.Entity<CustomerOrders>(e =>
        {
            e.ToTable("Customers");
            e.HasKey(x => x.CustomerId);
            e.Property(x => x.CustomerId).HasMaxLength(128);
        });
    }
}
