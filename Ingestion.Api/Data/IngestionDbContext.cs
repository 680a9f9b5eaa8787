using EdaAspire.Ingestion.Api.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Ingestion.Api.Data;

/// <summary>The write side's own small store: idempotency records of placed orders.</summary>
public sealed class IngestionDbContext(DbContextOptions<IngestionDbContext> options) : DbContext(options)
{
    public const string ConnectionName = "ingestion";

    public DbSet<OrderRequest> OrderRequests => Set<OrderRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<OrderRequest>(e =>
        {
            e.ToTable("OrderRequests");
            e.HasKey(x => new { x.CustomerId, x.IdempotencyKey });
            e.Property(x => x.CustomerId).HasMaxLength(128);
            e.Property(x => x.IdempotencyKey).HasMaxLength(128);
            e.Property(x => x.RequestHash).HasMaxLength(64).IsFixedLength();
        });
}
