using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using EdaAspire.LoadTest.Measurement;

namespace EdaAspire.LoadTest.Target;

/// <summary>
/// A fresh system for one scenario, started the way the README says (<c>dotnet run --project AppHost.Embedded</c>) with a
/// data folder of its own: the AppHost (which runs the mock Kafka cluster), DCP, the Aspire dashboard and the services,
/// each its own process, so each one's CPU and memory are measured apart from this tool's.
/// </summary>
public sealed class StartedAppHost : ISystemUnderTest
{
    private static readonly Uri Ingestion = new("http://127.0.0.1:5180/");
    private static readonly Uri Dashboard = new("http://127.0.0.1:5190/");
    private readonly Process _appHost;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _dataPath = Directory.CreateTempSubdirectory("eda-load-").FullName;

    private StartedAppHost(IReadOnlyDictionary<string, string> environment, bool verbose)
    {
        var start = new ProcessStartInfo("dotnet",
            ["run", "--project", Path.Combine(RepositoryPaths.Root, "AppHost.Embedded"), "--no-build", "-c", Configuration, "--", $"--EdaAspire:DataPath={_dataPath}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        // DCP starts the services with the AppHost's environment beneath what it sets: tuning knobs reach every service.
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _appHost = new Process { StartInfo = start };
        _appHost.OutputDataReceived += (_, e) => Keep(e.Data, verbose);
        _appHost.ErrorDataReceived += (_, e) => Keep(e.Data, verbose);
    }

    public Uri IngestionUrl => Ingestion;

    public string ReadModelsPath => Path.Combine(_dataPath, "readmodels.db");

    public string CatalogPath => Path.Combine(_dataPath, "catalog.db");

    public string MessagingPath => Path.Combine(_dataPath, "messaging.db");

    public IReadOnlyDictionary<string, int> Processes { get; private set; } = new Dictionary<string, int>();

    public static async Task<StartedAppHost> StartAsync(IReadOnlyDictionary<string, string> environment, bool verbose, CancellationToken cancellationToken)
    {
        var system = new StartedAppHost(environment, verbose);
        system._appHost.Start();
        system._appHost.BeginOutputReadLine();
        system._appHost.BeginErrorReadLine();
        await system.WaitUntilServingAsync(TimeSpan.FromSeconds(180), cancellationToken);
        var processes = AttachedSystem.Discover(system._dataPath);
        processes[$"{Infrastructure}apphost (+ kafka)"] = ChildOf(system._appHost.Id) ?? system._appHost.Id;
        foreach (var (name, pid) in AspireProcesses())
        {
            processes[name] = pid;
        }

        system.Processes = processes;
        return system;
    }

    /// <summary>The last lines of the AppHost's console, for a report on a failed run.</summary>
    public string Tail(int lines) => string.Join('\n', _lines.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_appHost.HasExited)
        {
            // Ctrl+C, as a person stops it: the AppHost stops the services through DCP.
            Process.Start("kill", ["-INT", (ChildOf(_appHost.Id) ?? _appHost.Id).ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _appHost.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _appHost.Kill(entireProcessTree: true);
            }
        }

        _appHost.Dispose();
        await StopLeftoversAsync(TimeSpan.FromSeconds(30));
        Directory.Delete(_dataPath, recursive: true);
    }

    /// <summary>
    /// DCP stops the services once the AppHost is gone, but not always all of them: whatever still runs after
    /// <paramref name="grace"/> is killed, so the next scenario starts on a quiet machine and no process outlives the tool.
    /// </summary>
    private async Task StopLeftoversAsync(TimeSpan grace)
    {
        var clock = Stopwatch.StartNew();
        List<KeyValuePair<string, int>> running;
        while ((running = [.. Processes.Where(p => IsRunning(p.Value))]).Count > 0 && clock.Elapsed < grace)
        {
            await Task.Delay(500);
        }

        foreach (var (_, pid) in running)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }

        if (running.Count > 0)
        {
            Console.Error.WriteLine($"  still running {grace.TotalSeconds:F0} s after the AppHost stopped, killed: {string.Join(", ", running.Select(p => p.Key))}");
        }
    }

    /// <summary>Alive and not a zombie waiting for its parent.</summary>
    private static bool IsRunning(int pid) => ProcStat.Of(pid) is { State: not 'Z' };

    private async Task WaitUntilServingAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && !_appHost.HasExited)
        {
            if (await IsHealthyAsync(http, Ingestion, cancellationToken) && await IsHealthyAsync(http, Dashboard, cancellationToken)
                && AttachedSystem.Discover(_dataPath).Count >= 6)
            {
                return;
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new TimeoutException($"The AppHost was not serving within {limit.TotalSeconds} s (exited: {_appHost.HasExited}).\n{Tail(40)}");
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http, Uri service, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(service, "health"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// The Aspire dashboard and DCP's processes (its API server, its controllers, one process monitor per service), named
    /// with the prefix <see cref="Infrastructure"/>: their cost is reported, not judged against a service's limits.
    /// </summary>
    private static IEnumerable<(string Name, int Pid)> AspireProcesses()
    {
        var monitors = 0;
        foreach (var process in Process.GetProcesses().Where(p => p.ProcessName is "dcp" or "Aspire.Dashboard").OrderBy(p => p.Id))
        {
            var commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline");
            yield return (process.ProcessName == "Aspire.Dashboard" ? $"{Infrastructure}dashboard"
                : commandLine.Contains("start-apiserver", StringComparison.Ordinal) ? $"{Infrastructure}dcp api server"
                : commandLine.Contains("run-controllers", StringComparison.Ordinal) ? $"{Infrastructure}dcp controllers"
                : $"{Infrastructure}dcp monitor {++monitors}", process.Id);
        }
    }

    /// <summary>Names the AppHost and Aspire's own processes, beside the services.</summary>
    public const string Infrastructure = "aspire ";

    /// <summary>`dotnet run` runs the AppHost as its child.</summary>
    private static int? ChildOf(int parent) =>
        Process.GetProcesses().FirstOrDefault(p => ParentOf(p.Id) == parent)?.Id;

    private static int? ParentOf(int pid) => ProcStat.Of(pid)?.ParentPid;

    private static string Configuration =>
        typeof(StartedAppHost).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    private void Keep(string? line, bool verbose)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > 2000 && _lines.TryDequeue(out _))
        {
        }

        if (verbose)
        {
            Console.Error.WriteLine(line);
        }
    }
}
