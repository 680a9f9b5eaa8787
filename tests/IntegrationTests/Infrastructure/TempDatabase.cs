namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>A SQLite file of its own per test, removed afterwards.</summary>
public sealed class TempDatabase(string name = "readmodels") : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("eda-tests-").FullName;

    public string ConnectionString => $"Data Source={Path.Combine(_directory, name + ".db")}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
