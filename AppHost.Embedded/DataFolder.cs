namespace EdaAspire.AppHost.Embedded;

/// <summary>
/// The run's data: SQLite databases, the work queue, the archive and the notification channels' files. Emptied at
/// every start, because the Kafka log is in memory: a run never shows data the log does not back.
/// </summary>
public sealed class DataFolder
{
    public const string ConfigKey = "EdaAspire:DataPath";

    private DataFolder(string path) => Path = path;

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The folder <c>EdaAspire:DataPath</c> names (default <c>.data</c> beside the AppHost project), emptied.</summary>
    /// <exception cref="IOException">The folder cannot be emptied or written; the message names it.</exception>
    public static DataFolder CreateFresh(IDistributedApplicationBuilder builder)
    {
        var path = System.IO.Path.GetFullPath(builder.Configuration[ConfigKey] ?? System.IO.Path.Combine(builder.AppHostDirectory, ".data"));
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }

            Directory.CreateDirectory(path);
            // Creating a folder can succeed where writing in it does not (a read-only mount).
            var probe = System.IO.Path.Combine(path, ".probe");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return new DataFolder(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The data folder {path} cannot be emptied and written ({ex.Message}). Set {ConfigKey} to a writable folder.", ex);
        }
    }
}
