using System.Data.Common;
using EdaAspire.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;

namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>
/// Counts the saga's outbox rows in its own database (<c>ConnectionStrings:sagas</c>): the one number that says whether
/// the relay keeps up. Read straight from the table rather than from the saga's metric, because the dashboard sees the
/// database, not the saga's process, and a stopped saga is exactly when the backlog matters.
/// </summary>
public sealed class OutboxBacklogQuery(IConfiguration configuration)
{
    public const string ConnectionName = "sagas";
    private const string Sql = "SELECT COUNT(*) FROM Outbox";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionName));

    /// <returns>The backlog, or null when there is no saga database (not configured, or not created yet).</returns>
    public async Task<long?> CountAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetConnectionString(ConnectionName) is not { Length: > 0 } connectionString)
        {
            return null;
        }

        if (!SqlProvider.IsSqlServer(connectionString) && !File.Exists(new SqliteConnectionStringBuilder(connectionString).DataSource))
        {
            return null;
        }

        await using var connection = Open(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        // Saga.Worker creates its schema at startup; until then there is no backlog to show.
        if (!await TableExistsAsync(connection, cancellationToken))
        {
            return null;
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DbConnection Open(string connectionString) => SqlProvider.IsSqlServer(connectionString)
        ? new SqlConnection(connectionString)
        // Read-only: the dashboard must never create the saga's database file by looking at it.
        : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());

    private static async Task<bool> TableExistsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = connection is SqliteConnection
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'Outbox'"
            : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'Outbox'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
