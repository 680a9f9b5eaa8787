using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EdaAspire.Ingestion.Api.Data;

/// <summary>For <c>dotnet ef</c>: migrations are SQL Server's; no server is contacted to create or script them.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IngestionDbContext>
{
    public IngestionDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IngestionDbContext>()
            .UseSqlServer("Server=(design-time);Initial Catalog=ingestion")
            .Options);
}
