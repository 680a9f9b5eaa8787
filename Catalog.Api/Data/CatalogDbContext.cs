using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Catalog.Api.Data;

/// <summary>The catalog's database: its products, and the position of the connector that captures their changes.</summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public const string ConnectionName = "catalog";

    public DbSet<Product> Products => Set<Product>();

    public DbSet<CaptureCheckpoint> CaptureCheckpoints => Set<CaptureCheckpoint>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(e =>
        {
            e.ToTable("Products");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Price).HasPrecision(18, 2);
            e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<CaptureCheckpoint>(e =>
        {
            e.ToTable("CaptureCheckpoints");
            e.HasKey(x => x.Source);
            e.Property(x => x.Source).HasMaxLength(128);
            // The row exists from the start, so the connector only ever moves it (one UPDATE, compare-and-set).
            e.HasData(new CaptureCheckpoint { Source = CaptureCheckpoint.ProductsSource, Position = 0 });
        });
    }
}
