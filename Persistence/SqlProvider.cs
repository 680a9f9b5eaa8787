using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Persistence;

/// <summary>
/// Picks the EF Core provider from the connection string, so one service runs on SQL Server under
/// Aspire and on SQLite standalone: <c>Server=…</c> is SQL Server, <c>Data Source=…</c> is SQLite.
/// </summary>
public static class SqlProvider
{
    public static bool IsSqlServer(string connectionString) =>
        connectionString.TrimStart().StartsWith("Server=", StringComparison.OrdinalIgnoreCase);

    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, string connectionString)
    {
        if (IsSqlServer(connectionString))
        {
            // What Aspire's SqlServer EF integration adds: retries on transient failures.
            return options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure());
        }

        if (connectionString.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            // SQLite has no OpenTelemetry instrumentation of its own; SQL Server's spans come from SqlClient's.
            return options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance, SqlCommandSpans.Instance);
        }

        throw new InvalidOperationException(
            "The database connection string must start with 'Server=' (SQL Server) or 'Data Source=' (SQLite).");
    }
}
