using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;

namespace EdaAspire.LoadTest.Target;

/// <summary>
/// A fresh standalone system for one scenario: the Standalone host built with this tool, started as the README
/// says on free ports with its own data folder. Its console is read continuously (a full pipe would stall every
/// service) and kept for the report; the service pids come from its "[name] started (pid N)" lines.
/// </summary>
public sealed partial class StartedStandalone : ISystemUnderTest
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(180);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _data = Directory.CreateTempSubdirectory("eda-load-").FullName;
    private readonly bool _verbose;

    private StartedStandalone(IReadOnlyDictionary<string, string> environment, bool verbose)
    {
        _verbose = verbose;
        IngestionUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo(DotnetHost(),
        [
            StandaloneAssembly(),
            "--ingestion-port", IngestionUrl.Port.ToString(CultureInfo.InvariantCulture),
            "--dashboard-port", FreePort().ToString(CultureInfo.InvariantCulture),
            "--data", _data,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.Environment["NO_COLOR"] = "1";
        // The services inherit the host's environment, so tuning knobs reach them without touching the host.
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public Uri IngestionUrl { get; }

    public string ReadModelsPath => Path.Combine(_data, "readmodels.db");

    public IReadOnlyDictionary<string, int> Processes { get; private set; } = new Dictionary<string, int>();

    public static async Task<StartedStandalone> StartAsync(IReadOnlyDictionary<string, string> environment, bool verbose, CancellationToken cancellationToken)
    {
        var system = new StartedStandalone(environment, verbose);
        system._process.Start();
        system._process.BeginOutputReadLine();
        system._process.BeginErrorReadLine();
        await system.WaitForReadyAsync(cancellationToken);
        var processes = system._lines
            .Select(line => StartedLine().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture));
        processes["host+kafka"] = system._process.Id;
        system.Processes = processes;
        return system;
    }

    /// <summary>The last lines of the system's console, for a report on a failed run.</summary>
    public string Tail(int lines) => string.Join('\n', _lines.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops its services gracefully, as Ctrl+C would.
            _ = Kill(_process.Id, Sigterm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A late writer; the temp folder is the OS's to clean.
        }
    }

    private async Task WaitForReadyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartLimit)
        {
            // The last line of the start banner.
            if (_lines.Any(line => line.Contains("Ctrl+C stops everything.", StringComparison.Ordinal)))
            {
                return;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException($"The standalone host did not become ready within {StartLimit.TotalSeconds} s (exited: {_process.HasExited}).\n{Tail(40)}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > 2000 && _lines.TryDequeue(out _))
        {
        }

        if (_verbose)
        {
            Console.Error.WriteLine(line);
        }
    }

    /// <summary>The Standalone host's entry assembly, as recorded at build time (see LoadTest.csproj).</summary>
    private static string StandaloneAssembly()
    {
        var path = typeof(StartedStandalone).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "standalone")?.Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The Standalone host is not built at '{path}'; build this tool again (it builds the host).");
    }

    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\[(?<name>[a-z]+)\] started \(pid (?<pid>\d+)\)$")]
    private static partial Regex StartedLine();

    private const int Sigterm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
