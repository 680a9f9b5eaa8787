using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace EdaAspire.EndToEndTests.Infrastructure;

/// <summary>
/// The standalone host started the way the README says (<c>Standalone</c> with its options), as a child
/// process on free ports with its own data folder. Its console output is kept for assertions.
/// </summary>
public sealed partial class StandaloneSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _data = Directory.CreateTempSubdirectory("eda-standalone-").FullName;

    private StandaloneSystem(int ingestionPort, int dashboardPort)
    {
        IngestionUrl = new Uri($"http://127.0.0.1:{ingestionPort}/");
        DashboardUrl = new Uri($"http://127.0.0.1:{dashboardPort}/");
        var start = new ProcessStartInfo("dotnet",
        [
            RepositoryPaths.StandaloneAssembly,
            "--ingestion-port", ingestionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dashboard-port", dashboardPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data", _data,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.Environment["NO_COLOR"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public Uri IngestionUrl { get; }

    public Uri DashboardUrl { get; }

    public TimeSpan StartedIn { get; private set; }

    public IReadOnlyCollection<string> Output => _lines;

    public int ExitCode => _process.ExitCode;

    public static async Task<StandaloneSystem> StartAsync()
    {
        var system = new StandaloneSystem(FreePort(), FreePort());
        var clock = Stopwatch.StartNew();
        system._process.Start();
        system._process.BeginOutputReadLine();
        system._process.BeginErrorReadLine();
        // The last line of the start banner: the URLs and the curl example are printed by then.
        await system.WaitForLineAsync(line => line.Contains("Ctrl+C stops everything.", StringComparison.Ordinal), StartLimit);
        system.StartedIn = clock.Elapsed;
        return system;
    }

    /// <summary>The pid the host reported for a service ("[name] started (pid N)").</summary>
    public int PidOf(string service) => _lines
        .Select(line => StartedLine().Match(line))
        .Where(m => m.Success && m.Groups["name"].Value == service)
        .Select(m => int.Parse(m.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture))
        .Single();

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan limit)
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

            await Task.Delay(100);
        }

        throw new TimeoutException($"The standalone host did not print the expected line within {limit.TotalSeconds} s (exited: {_process.HasExited}). Output:\n{string.Join('\n', _lines.TakeLast(60))}");
    }

    /// <summary>Sends SIGTERM, as a service manager or <c>kill</c> would, and waits for the host to exit.</summary>
    public async Task TerminateAsync(TimeSpan limit)
    {
        if (!_process.HasExited)
        {
            Signal(_process.Id, Sigterm);
            using var timeout = new CancellationTokenSource(limit);
            await _process.WaitForExitAsync(timeout.Token);
        }
    }

    public static void Kill(int pid) => Signal(pid, Sigkill);

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
        }

        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int Sigterm = 15;
    private const int Sigkill = 9;

    private static void Signal(int pid, int signal)
    {
        if (Syscall.Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed.");
        }
    }

    [GeneratedRegex(@"^\[(?<name>[a-z]+)\] started \(pid (?<pid>\d+)\)$")]
    private static partial Regex StartedLine();

    private static class Syscall
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}
