using System.Reflection;
using EdaAspire.Tests.Standalone;

namespace EdaAspire.LoadTest.Target;

/// <summary>
/// A fresh standalone system for one scenario: the Standalone host built with this tool, started as the README says on
/// free ports with its own data folder; its console is kept for the report.
/// </summary>
public sealed class StartedStandalone(StandaloneHost host) : ISystemUnderTest
{
    public Uri IngestionUrl => host.IngestionUrl;

    public string ReadModelsPath => Path.Combine(host.DataPath, "readmodels.db");

    public IReadOnlyDictionary<string, int> Processes { get; } =
        new Dictionary<string, int>(host.ServicePids) { ["host+kafka"] = host.Pid };

    /// <param name="environment">Set for the host; its services inherit it.</param>
    /// <param name="verbose">Shows the system's console as it comes.</param>
    public static async Task<StartedStandalone> StartAsync(IReadOnlyDictionary<string, string> environment, bool verbose, CancellationToken cancellationToken)
    {
        var host = await StandaloneHost.StartAsync(new StandaloneLaunch(StandaloneAssembly(), RepositoryPaths.Root)
        {
            Environment = environment,
            StartLimit = TimeSpan.FromSeconds(180),
            KeptLines = 2000,
            Echo = verbose ? Console.Error.WriteLine : null,
        }, cancellationToken);
        return new StartedStandalone(host);
    }

    /// <summary>The last lines of the system's console, for a report on a failed run.</summary>
    public string Tail(int lines) => host.Tail(lines);

    public ValueTask DisposeAsync() => host.DisposeAsync();

    /// <summary>The Standalone host's entry assembly, as recorded at build time (see LoadTest.csproj).</summary>
    private static string StandaloneAssembly()
    {
        var path = typeof(StartedStandalone).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "standalone")?.Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The Standalone host is not built at '{path}'; build this tool again (it builds the host).");
    }
}
