using Microsoft.Data.Sqlite;

namespace EdaAspire.Tests.Outage;

/// <summary>An outage of a SQLite store: another connection holds its write lock, so every other writer waits, then fails.</summary>
public static class SqliteWriteLock
{
    /// <summary>Opens a connection of its own and begins an exclusive transaction; disposing it rolls back and lets go.</summary>
    public static async Task<SqliteConnection> TakeAsync(string connectionString)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000; BEGIN EXCLUSIVE;";
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
