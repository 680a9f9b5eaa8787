using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EdaAspire.Catalog.Api.Data;

/// <summary>For <c>dotnet ef</c>: migrations are SQL Server's; no server is contacted to create or script them.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CatalogDbContext>
{
    public CatalogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CatalogDbContext>()
            .UseSqlServer("Server=(design-time);Initial Catalog=catalog")
            .Options);
}
