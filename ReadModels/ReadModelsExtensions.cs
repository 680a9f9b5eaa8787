using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdaAspire.ReadModels;

public static class ReadModelsExtensions
{
    public const string ConnectionName = "readmodels";

    /// <summary>The read-model context from <c>ConnectionStrings:readmodels</c>, pooled, with a health check.</summary>
    public static IHostApplicationBuilder AddReadModelsDbContext(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not set.");
        builder.Services.AddDbContextPool<ReadModelsDbContext>(options => options.Use(connectionString));
        builder.Services.AddHealthChecks().AddDbContextCheck<ReadModelsDbContext>(ConnectionName, tags: ["ready", "sql"]);
        return builder;
    }

    /// <summary>
    /// Brings the schema up to date: SQL Server through the checked-in migrations, SQLite created from the
    /// same model (write-ahead log so the dashboard reads while the projections write).
    /// </summary>
    public static async Task EnsureSchemaAsync(this ReadModelsDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlServer())
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        await db.Database.EnsureCreatedAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
