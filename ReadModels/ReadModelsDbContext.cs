using EdaAspire.ReadModels.Checkpoints;
using EdaAspire.ReadModels.Clickstream;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.ReadModels;

/// <summary>The read models, one table per screen's question, plus the projections' checkpoints.</summary>
public sealed class ReadModelsDbContext(DbContextOptions<ReadModelsDbContext> options) : DbContext(options)
{
    public DbSet<PageViewsPerMinute> PageViewsPerMinute => Set<PageViewsPerMinute>();

    public DbSet<ProductStats> ProductStats => Set<ProductStats>();

    public DbSet<SessionActivity> Sessions => Set<SessionActivity>();

    public DbSet<ProjectionCheckpoint> Checkpoints => Set<ProjectionCheckpoint>();

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

        modelBuilder.Entity<ProjectionCheckpoint>(e =>
        {
            e.ToTable("ProjectionCheckpoints");
            e.HasKey(x => new { x.Projection, x.Topic, x.Partition });
            e.Property(x => x.Projection).HasMaxLength(100);
            e.Property(x => x.Topic).HasMaxLength(249);
        });
    }
}
