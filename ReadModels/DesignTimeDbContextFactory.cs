using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EdaAspire.ReadModels;

/// <summary>For <c>dotnet ef</c>: migrations are SQL Server's; no server is contacted to create or script them.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReadModelsDbContext>
{
    public ReadModelsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReadModelsDbContext>()
            .UseSqlServer("Server=(design-time);Initial Catalog=readmodels")
            .Options);
}
