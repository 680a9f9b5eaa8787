using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EdaAspire.Persistence;

/// <summary>
/// The pragmas every SQLite connection of the services runs when it opens (measurements in BENCHMARKS.md):
/// <list type="bullet">
/// <item><c>synchronous=NORMAL</c>: in WAL mode a commit reaches the log without an fsync. It survives the process
/// being killed (the guarantee the services give); only an OS crash or power cut could take the last commits back.</item>
/// <item><c>busy_timeout</c>: SQLite itself waits for the write lock in short steps, instead of Microsoft.Data.Sqlite
/// blocking its thread between retries of SQLITE_BUSY, which costs concurrent writers far more than the lock is held.</item>
/// </list>
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static SqlitePragmas Instance { get; } = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
