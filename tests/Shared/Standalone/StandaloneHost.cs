using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace EdaAspire.Tests.Standalone;

/// <summary>How to start the Standalone host: the built assembly, and what a scenario adds to the README's command.</summary>
/// <param name="HostAssembly">Standalone.dll, as built with the caller.</param>
/// <param name="WorkingDirectory">The checkout's root, as a user runs it.</param>
public sealed record StandaloneLaunch(string HostAssembly, string WorkingDirectory)
{
    /// <summary>Options after the ports and the data folder, e.g. <c>--otlp &lt;url&gt;</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Set for the host, whose services inherit it: tuning knobs reach them without touching the host.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The dotnet muxer that runs the caller (found from the runtime's folder), so the host runs on the same SDK.</summary>
    public string DotnetHost { get; init; } = CurrentMuxer();

    public TimeSpan StartLimit { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Older lines are dropped beyond this many (a long load run); the start lines are read before that.</summary>
    public int KeptLines { get; init; } = int.MaxValue;

    /// <summary>Called with every line of the host's console as it comes, e.g. to show it.</summary>
    public Action<string>? Echo { get; init; }

    private static string CurrentMuxer()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var muxer = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(muxer) ? muxer : "dotnet";
    }
}

/// <summary>
/// The Standalone host started the way the README says, as a child process on free ports with a data folder of its own:
/// shared by the end-to-end tests, the observability tests and the load tool. Its console is read continuously (a full
/// pipe would stall every service) and kept; the services' pids come from its "[name] started (pid N)" lines. Disposing
/// stops it with SIGTERM, as Ctrl+C would, and removes the folder.
/// </summary>
public sealed partial class StandaloneHost : IAsyncDisposable
{
    private const int Sigterm = 15;
    private const int Sigkill = 9;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StandaloneLaunch _launch;

    private StandaloneHost(StandaloneLaunch launch)
    {
        _launch = launch;
        IngestionUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        DashboardUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo(launch.DotnetHost,
        [
            launch.HostAssembly,
            "--ingestion-port", IngestionUrl.Port.ToString(CultureInfo.InvariantCulture),
            "--dashboard-port", DashboardUrl.Port.ToString(CultureInfo.InvariantCulture),
            "--data", DataPath,
            .. launch.Arguments,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = launch.WorkingDirectory,
        };
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in launch.Environment)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public Uri IngestionUrl { get; }

    public Uri DashboardUrl { get; }

    public string DataPath { get; } = Directory.CreateTempSubdirectory("eda-standalone-").FullName;

    /// <summary>The host's own process, which also runs the embedded Kafka cluster.</summary>
    public int Pid => _process.Id;

    public TimeSpan StartedIn { get; private set; }

    public IReadOnlyCollection<string> Output => _lines;

    public int ExitCode => _process.ExitCode;

    /// <summary>Service name → pid of its latest start, as the host reported it.</summary>
    public IReadOnlyDictionary<string, int> ServicePids => _lines
        .Select(line => StartedLine().Match(line))
        .Where(m => m.Success)
        .GroupBy(m => m.Groups["name"].Value)
        .ToDictionary(g => g.Key, g => int.Parse(g.Last().Groups["pid"].Value, CultureInfo.InvariantCulture));

    /// <summary>Starts the host and waits for the last line of its start banner (the URLs are printed by then).</summary>
    public static async Task<StandaloneHost> StartAsync(StandaloneLaunch launch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var host = new StandaloneHost(launch);
        var clock = Stopwatch.StartNew();
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        await host.WaitForLineAsync(line => line.Contains("Ctrl+C stops everything.", StringComparison.Ordinal), launch.StartLimit, cancellationToken);
        host.StartedIn = clock.Elapsed;
        return host;
    }

    public int PidOf(string service) => ServicePids[service];

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException(
            $"The standalone host did not print the expected line within {limit.TotalSeconds} s (exited: {_process.HasExited}). Output:\n{Tail(60)}");
    }

    /// <summary>The last lines of the host's console, for a failure message.</summary>
    public string Tail(int lines) => string.Join('\n', _lines.TakeLast(lines));

    /// <summary>Sends SIGTERM, as a service manager or <c>kill</c> would, and waits for the host to exit.</summary>
    public async Task TerminateAsync(TimeSpan limit)
    {
        if (!_process.HasExited)
        {
            // Failing only because it exited meanwhile is fine.
            if (Syscall.Kill(_process.Id, Sigterm) != 0 && !_process.HasExited)
            {
                throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed.");
            }

            using var timeout = new CancellationTokenSource(limit);
            await _process.WaitForExitAsync(timeout.Token);
        }
    }

    public static void Kill(int pid)
    {
        if (Syscall.Kill(pid, Sigkill) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, SIGKILL) failed.");
        }
    }

    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await TerminateAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A late writer; the temp folder is the OS's to clean.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > _launch.KeptLines && _lines.TryDequeue(out _))
        {
        }

        _launch.Echo?.Invoke(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\[(?<name>[a-z]+)\] started \(pid (?<pid>\d+)\)$")]
    private static partial Regex StartedLine();

    private static class Syscall
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}
