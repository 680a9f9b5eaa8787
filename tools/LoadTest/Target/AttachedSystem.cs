using System.Text;

namespace EdaAspire.LoadTest.Target;

/// <summary>
/// A system someone else started (<c>dotnet run --project Standalone</c>). Its services are found in /proc by the
/// data folder in their environment, so the memory of this system's processes is read, not of another copy's.
/// </summary>
public sealed class AttachedSystem(Uri ingestionUrl, string dataPath) : ISystemUnderTest
{
    private static readonly Dictionary<string, string> ServiceAssemblies = new(StringComparer.Ordinal)
    {
        ["ingestion"] = "Ingestion.Api.dll",
        ["projections"] = "Projections.Worker.dll",
        ["saga"] = "Saga.Worker.dll",
        ["dashboard"] = "Web.Dashboard.dll",
        ["host+kafka"] = "Standalone.dll",
    };

    public Uri IngestionUrl { get; } = ingestionUrl;

    public string ReadModelsPath { get; } = Path.Combine(dataPath, "readmodels.db");

    public IReadOnlyDictionary<string, int> Processes { get; } = Discover(dataPath);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Dictionary<string, int> Discover(string dataPath)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!Directory.Exists("/proc"))
        {
            return found;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            var commandLine = Read(Path.Combine(dir, "cmdline"));
            var name = ServiceAssemblies.FirstOrDefault(s => commandLine.Contains(s.Value, StringComparison.Ordinal)).Key;
            if (name is null)
            {
                continue;
            }

            // Services carry the data folder in their connection strings; the host names it on its command line.
            if (Read(Path.Combine(dir, "environ")).Contains(dataPath, StringComparison.Ordinal)
                || commandLine.Contains(dataPath, StringComparison.Ordinal)
                || (name == "host+kafka" && !commandLine.Contains("--data", StringComparison.Ordinal)))
            {
                found.TryAdd(name, pid);
            }
        }

        return found;
    }

    private static string Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path)).Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
