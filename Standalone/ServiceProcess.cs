using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EdaAspire.Standalone;

/// <summary>
/// A service running as a child process: its output streamed with a <c>[name]</c> prefix, its death
/// reported, and a graceful stop (SIGTERM, then kill after a grace period).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly ConsoleLog _log;
    private volatile bool _stopping;

    private ServiceProcess(ServiceDefinition definition, Process process, ConsoleLog log)
    {
        Definition = definition;
        _process = process;
        _log = log;
    }

    public ServiceDefinition Definition { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>SIGKILL, no grace: a crash, as the reliability tests cause one.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public static ServiceProcess Start(ServiceDefinition definition, ConsoleLog log)
    {
        var start = new ProcessStartInfo(DotnetHost(), [definition.AssemblyPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Like `dotnet run`: the project folder is the content root.
            WorkingDirectory = ProjectDirectory(definition.AssemblyPath),
        };
        foreach (var (key, value) in definition.Environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(definition, process, log);
        process.OutputDataReceived += (_, e) => service.Forward(e.Data);
        process.ErrorDataReceived += (_, e) => service.Forward(e.Data);
        process.Exited += (_, _) => service.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.Write(definition.Name, $"started (pid {process.Id})");
        return service;
    }

    public async Task StopAsync()
    {
        _stopping = true;
        if (_process.HasExited)
        {
            return;
        }

        // SIGTERM lets the generic host shut down cleanly (finish a batch, close the consumer).
        if (!OperatingSystem.IsWindows())
        {
            _ = Kill(_process.Id, Sigterm);
        }

        using var grace = new CancellationTokenSource(OperatingSystem.IsWindows() ? TimeSpan.Zero : StopGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _log.Write(Definition.Name, "did not stop in time; killing it");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Forward(string? line)
    {
        if (line is not null)
        {
            _log.Write(Definition.Name, line);
        }
    }

    private void OnExited()
    {
        if (!_stopping)
        {
            _log.Error(Definition.Name, $"exited unexpectedly with code {_process.ExitCode}; the rest keeps running. Restart the host to bring it back.");
        }
    }

    private static string ProjectDirectory(string assemblyPath)
    {
        // <project>/bin/<configuration>/<tfm>/<assembly>.dll
        var dir = new DirectoryInfo(Path.GetDirectoryName(assemblyPath)!);
        return dir.Parent?.Parent?.Parent is { } project && File.Exists(Path.Combine(project.FullName, Path.GetFileNameWithoutExtension(assemblyPath) + ".csproj"))
            ? project.FullName
            : dir.FullName;
    }

    /// <summary>The dotnet muxer that runs this process, found from the runtime's own folder.</summary>
    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
