using Microsoft.Data.Sqlite;

namespace EdaAspire.LoadTest.Measurement;

/// <summary>
/// Commands the embedded work queue dead-lettered (the simulators' poison among them). Each is a step the saga never
/// hears back from, so its order ends on the step's deadline by design, not because the system fell behind.
/// </summary>
public static class DeadLetters
{
    public static async Task<long> CountAsync(string messagingPath, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = messagingPath,
            Mode = SqliteOpenMode.ReadOnly,
            DefaultTimeout = 5,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM queue_messages WHERE dead_lettered = 1";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
