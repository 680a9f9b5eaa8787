using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EdaAspire.LoadTest.Measurement;

/// <summary>
/// Reads the projections' SQLite database beside them, as the dashboard does. The database is in WAL mode, so
/// these reads never block the projection's writes. Every query is on a key or an index.
/// </summary>
public sealed class ReadModelWatch : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private ReadModelWatch(SqliteConnection connection) => _connection = connection;

    public static async Task<ReadModelWatch> OpenAsync(string path, CancellationToken cancellationToken)
    {
        // The projections create it at start; the system reported ready only after that.
        for (var waited = 0; !File.Exists(path); waited += 100)
        {
            if (waited > 30_000)
            {
                throw new FileNotFoundException("The read-model database did not appear.", path);
            }

            await Task.Delay(100, cancellationToken);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            DefaultTimeout = 5,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        return new ReadModelWatch(connection);
    }

    /// <summary>
    /// The clickstream projection's progress, read in one snapshot: how far it has read the log (the sum of its
    /// checkpoints, next offset per partition) and how many events it has applied (each adds 1 to its type's count).
    /// The two differ by the records the mock cluster dropped (it keeps 5 MiB per partition) before they were read.
    /// </summary>
    public async Task<ProjectionProgress> ClickstreamProgressAsync(CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COALESCE(SUM(NextOffset), 0) FROM ProjectionCheckpoints WHERE Projection = 'clickstream'),
                   (SELECT COALESCE(SUM(Count), 0) FROM EventTypeCounts)
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ProjectionProgress(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Session ids in [from, to): a range scan of the Sessions primary key.</summary>
    public async Task<List<string>> SessionsInRangeAsync(string from, string to, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT SessionId FROM Sessions WHERE SessionId >= $from AND SessionId < $to";
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Orders that reached Confirmed or Cancelled and were placed at or after <paramref name="placedSince"/> (index on Status, PlacedAt).</summary>
    public async Task<List<FinishedOrder>> FinishedOrdersAsync(DateTime placedSince, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT OrderId, Status, PlacedAt, CompletedAt, CancelReason FROM Orders
            WHERE Status IN ('Confirmed', 'Cancelled') AND PlacedAt >= $since
            """;
        // EF Core's SQLite text form of DateTime, which sorts as text.
        command.Parameters.AddWithValue("$since", placedSince.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        var orders = new List<FinishedOrder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            orders.Add(new FinishedOrder(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                Time(reader.GetString(2)),
                reader.IsDBNull(3) ? null : Time(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return orders;
    }

    public async Task<long> OrderCountAsync(CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Orders";
        return await ScalarAsync(command, cancellationToken);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static async Task<long> ScalarAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

    private static DateTime Time(string text) =>
        DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);
}

/// <summary>Log offsets read and events applied by a projection.</summary>
public sealed record ProjectionProgress(long Offsets, long Events);

/// <summary>An order in a terminal state, with the read model's own event times.</summary>
public sealed record FinishedOrder(Guid OrderId, string Status, DateTime PlacedAt, DateTime? CompletedAt, string? CancelReason);
