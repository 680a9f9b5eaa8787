using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>
/// The Standalone host as a user starts it with <c>--otlp</c>: every service a process of its own, exporting to the
/// given OTLP/HTTP endpoint. Free ports, a data folder of its own, stopped with SIGTERM like Ctrl+C.
/// </summary>
public sealed class StandaloneWithOtlp : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _data = Directory.CreateTempSubdirectory("eda-otlp-").FullName;

    private StandaloneWithOtlp(Uri otlp)
    {
        IngestionUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        DashboardUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet",
        [
            RepositoryFiles.StandaloneAssembly,
            "--ingestion-port", IngestionUrl.Port.ToString(CultureInfo.InvariantCulture),
            "--dashboard-port", DashboardUrl.Port.ToString(CultureInfo.InvariantCulture),
            "--data", _data,
            "--otlp", otlp.ToString().TrimEnd('/'),
            "--otlp-protocol", "http/protobuf",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        start.Environment["NO_COLOR"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public Uri IngestionUrl { get; }

    public Uri DashboardUrl { get; }

    public string LastOutput => string.Join('\n', _output.TakeLast(40));

    public static async Task<StandaloneWithOtlp> StartAsync(Uri otlp)
    {
        var system = new StandaloneWithOtlp(otlp);
        system._process.Start();
        system._process.BeginOutputReadLine();
        system._process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        // The last line of the start banner.
        while (!system._output.Any(line => line.Contains("Ctrl+C stops everything.", StringComparison.Ordinal)))
        {
            if (system._process.HasExited || clock.Elapsed > StartLimit)
            {
                throw new TimeoutException($"The standalone host did not start (exited: {system._process.HasExited}):\n{system.LastOutput}");
            }

            await Task.Delay(200);
        }

        return system;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, Sigterm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
