using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Persistence;

public static class DatabaseSchema
{
    /// <summary>
    /// Brings a database up to date: SQL Server through the context's checked-in migrations, SQLite created
    /// from the same model, with a write-ahead log so readers never block the writer.
    /// </summary>
    public static async Task EnsureSchemaAsync(this DbContext db, CancellationToken cancellationToken = default)
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
