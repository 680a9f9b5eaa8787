using System.Text;

namespace EdaAspire.LoadTest.Target;

/// <summary>
/// A system someone else started (<c>dotnet run --project AppHost.Embedded</c>). Its services are found in /proc by the
/// data folder in their connection strings and the service name Aspire gives them (<c>OTEL_SERVICE_NAME</c>), so the
/// memory and CPU of this system's processes are read, not of another copy's.
/// </summary>
public sealed class AttachedSystem(Uri ingestionUrl, string dataPath) : ISystemUnderTest
{
    public Uri IngestionUrl { get; } = ingestionUrl;

    public string ReadModelsPath { get; } = Path.Combine(dataPath, "readmodels.db");

    public string CatalogPath { get; } = Path.Combine(dataPath, "catalog.db");

    public string MessagingPath { get; } = Path.Combine(dataPath, "messaging.db");

    public IReadOnlyDictionary<string, int> Processes { get; } = Discover(dataPath);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Service name (with the pid for a replica) → pid of the service's own process, not DCP's `dotnet run` before it.</summary>
    public static Dictionary<string, int> Discover(string dataPath)
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

            var environment = Read(Path.Combine(dir, "environ")).Split('\0');
            var service = environment.FirstOrDefault(v => v.StartsWith("OTEL_SERVICE_NAME=", StringComparison.Ordinal))?["OTEL_SERVICE_NAME=".Length..];
            if (service is null || !environment.Any(v => v.Contains(dataPath, StringComparison.Ordinal))
                || Read(Path.Combine(dir, "cmdline")).StartsWith("dotnet\0run", StringComparison.Ordinal))
            {
                continue;
            }

            if (!found.TryAdd(service, pid))
            {
                found[$"{service}-{pid}"] = pid;
            }
        }

        return found;
    }

    private static string Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
