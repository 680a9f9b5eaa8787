using Microsoft.Data.Sqlite;

namespace EdaAspire.WorkQueue.Sqlite;

/// <summary>
/// Opens connections to the queue's database file, shared by competing consumers in this and other processes,
/// and creates the schema on first use.
/// </summary>
internal sealed class SqliteQueueDatabase
{
    // SQLite's own busy handler waits in small steps while another connection (or process) holds the write lock.
    // Microsoft.Data.Sqlite retries SQLITE_BUSY on top of that, in coarse sleeps, until the command timeout (30 s by
    // default): the queue sets that to the same 10 s, so an operation on a store locked for longer fails after ~10 s
    // (and the caller's retry takes over) instead of hanging for 30. "Default Timeout=<s>" in the connection string wins,
    // for both.
    private const int BusyTimeoutSeconds = 10;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly Lock _schemaGate = new();
    private Task? _schemaCreation;

    public SqliteQueueDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            // Every pooled connection to ":memory:" is a database of its own: consumers would never meet.
            throw new ArgumentException("The SQLite work queue needs a database file: 'Data Source=<path>'.", nameof(connectionString));
        }

        if (!builder.ShouldSerialize("Default Timeout"))
        {
            builder.DefaultTimeout = BusyTimeoutSeconds;
        }

        _busyTimeoutMilliseconds = builder.DefaultTimeout * 1000;
        _connectionString = builder.ConnectionString;
        DataSource = builder.DataSource;
    }

    public string DataSource { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync().WaitAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            // NORMAL is durable against a crashed process under WAL (only an OS crash can lose the last commits).
            pragmas.CommandText = $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the schema once per instance; a failed attempt (say, a locked file) is retried by the next caller.</summary>
    private Task EnsureSchemaAsync()
    {
        lock (_schemaGate)
        {
            if (_schemaCreation is null || _schemaCreation.IsFaulted || _schemaCreation.IsCanceled)
            {
                _schemaCreation = CreateSchemaAsync();
            }

            return _schemaCreation;
        }
    }

    private async Task CreateSchemaAsync()
    {
        CreateDirectoryOfDataSource();
        await using var connection = await OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteQueueSchema.Create;
        await command.ExecuteNonQueryAsync();
    }

    // SQLite creates the file but not its folder; a fresh data folder (".data/standalone") is the common case.
    private void CreateDirectoryOfDataSource()
    {
        if (DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
