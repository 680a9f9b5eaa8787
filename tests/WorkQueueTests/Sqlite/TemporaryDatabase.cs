using Microsoft.Data.Sqlite;

namespace EdaAspire.WorkQueueTests.Sqlite;

/// <summary>A queue database file in a fresh temporary folder, deleted afterwards.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("eda-workqueue-");

    public string Path => System.IO.Path.Combine(_directory.FullName, "queue.db");

    public string ConnectionString => $"Data Source={Path}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections keep the file open
        _directory.Delete(recursive: true);
    }
}
