using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's <c>redis-server</c> on a free loopback port, in memory only, for the tests of the cache's second level. It
/// is required, not optional: CI installs it (<c>.ci/run</c>), and without it these tests fail with how to install it.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    /// <summary>The connection string Aspire's Redis integration hands a service.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("These tests need Debian's redis-server on PATH: apt-get install -y redis-server.", ex);
        }

        // Drained, so a chatty server never blocks on a full pipe.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        await server.WaitForPongAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    private async Task WaitForPongAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string last = "";
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                last = Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
                if (last.StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(50); // polls the server's first answer; the deadline fails the fixture
        }

        throw new InvalidOperationException($"redis-server on port {Port} did not answer PING (exited: {_process.HasExited}; last: {last}).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
