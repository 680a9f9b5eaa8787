using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EdaAspire.Saga.Worker.Data;

/// <summary>For <c>dotnet ef</c>: migrations are SQL Server's; no server is contacted to create or script them.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SagaDbContext>
{
    public SagaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SagaDbContext>()
            .UseSqlServer("Server=(design-time);Initial Catalog=sagas")
            .Options);
}
