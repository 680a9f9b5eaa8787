using Microsoft.Data.Sqlite;

namespace EdaAspire.IntegrationTests.Catalog;

/// <summary>The catalog's SQLite file seen from outside: its change record and the connector's checkpoint.</summary>
public sealed class CatalogDatabase(string connectionString)
{
    public Task<long> LastChangeAsync() => ScalarAsync("SELECT COALESCE(MAX(Version), 0) FROM ProductChanges");

    public Task<long> CheckpointAsync() => ScalarAsync("SELECT Position FROM CaptureCheckpoints WHERE Source = 'Products'");

    /// <summary>Puts the checkpoint back, as a connector killed after publishing and before checkpointing leaves it.</summary>
    public async Task RewindCheckpointAsync(long position)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE CaptureCheckpoints SET Position = $position WHERE Source = 'Products'";
        command.Parameters.AddWithValue("$position", position);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Waits until the connector has checkpointed every change recorded so far.</summary>
    public async Task WaitForCaptureAsync(TimeSpan timeout)
    {
        var last = await LastChangeAsync();
        using var limit = new CancellationTokenSource(timeout);
        while (await CheckpointAsync() < last)
        {
            Assert.False(limit.IsCancellationRequested, $"The connector's checkpoint is {await CheckpointAsync()} after {timeout.TotalSeconds} s; the change record ends at {last}.");
            await Task.Delay(50); // polls the checkpoint; the limit fails the test
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
