using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdaAspire.AppHost.Embedded.Redis;

public static class RedisServerBuilderExtensions
{
    private const string Command = "redis-server";

    /// <summary>
    /// Redis for the services' cache when Debian's <c>redis-server</c> is on PATH (<c>apt-get install redis-server</c>):
    /// in memory only, like the rest of the embedded run. Null, and a line in the AppHost's log, when it is not.
    /// </summary>
    public static IResourceBuilder<RedisServerResource>? AddRedisServerIfInstalled(this IDistributedApplicationBuilder builder, string name, DataFolder data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (FindOnPath(Command) is not { } path)
        {
            Console.WriteLine($"{Command} is not on PATH: no '{name}' resource, the services cache in memory only (apt-get install redis-server adds Redis).");
            return null;
        }

        // Not proxied, on a port free now: the connection string and the server's own --port are the same literal.
        var port = FreePort();
        return builder.AddResource(new RedisServerResource(name, path, data.Path, port))
            .WithArgs("--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
            .WithIconName("Memory");
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
