using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using EdaAspire.EndToEndTests.Infrastructure;

namespace EdaAspire.EndToEndTests.AppHost;

/// <summary>
/// The README's first command when it cannot run: a fixed port another process holds, or a data folder that cannot be
/// written. The AppHost says which and exits non-zero at once instead of waiting for a port it will never get.
/// </summary>
public sealed class AppHostStartFailureTests
{
    [Fact]
    public async Task A_port_in_use_is_named_and_the_apphost_exits_with_1()
    {
        using var holder = TryHold(5180);
        var (exitCode, output) = await RunAppHostAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("5180 (ingestion http)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_written_is_named_and_the_apphost_exits_with_1()
    {
        var (exitCode, output) = await RunAppHostAsync("--EdaAspire:DataPath=/proc/eda-aspire-data");

        Assert.Equal(1, exitCode);
        Assert.Contains("/proc/eda-aspire-data", output, StringComparison.Ordinal);
    }

    /// <summary>Holds the port unless another process already does (then it is in use all the same).</summary>
    private static TcpListener? TryHold(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            listener.Dispose();
            return null;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAppHostAsync(params string[] args)
    {
        var configuration = typeof(AppHostStartFailureTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(RepositoryPaths.Root, "AppHost.Embedded"), "--no-build", "-c", configuration, "--", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The AppHost did not exit within 120 s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
