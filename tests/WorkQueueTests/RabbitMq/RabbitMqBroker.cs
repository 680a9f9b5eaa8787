using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace EdaAspire.WorkQueueTests.RabbitMq;

/// <summary>
/// A RabbitMQ 3.x broker with the AMQP 1.0 and management plugins on 127.0.0.1 (guest/guest): the one already listening,
/// or one this fixture starts by hand from Debian's <c>rabbitmq-server</c> (state in a temporary folder, stopped on dispose).
/// Without rabbitmq-server installed the tests fail and say how to install it; they are never skipped.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    public const string Host = "127.0.0.1";
    public const int AmqpPort = 5672;
    public const int ManagementPort = 15672;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private DirectoryInfo? _state;
    private string? _binDirectory;

    public HttpClient Management { get; } = new() { BaseAddress = new Uri($"http://{Host}:{ManagementPort}/") };

    public static string ConnectionString => $"Endpoint=amqp://guest:guest@{Host}:{AmqpPort};";

    /// <summary>Whether this fixture started the broker (otherwise it found one listening and leaves it alone).</summary>
    public bool StartedHere => _state is not null;

    public async Task InitializeAsync()
    {
        Management.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        if (await IsListeningAsync(AmqpPort) && await IsListeningAsync(ManagementPort))
        {
            return;
        }

        _binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(
            "The RabbitMQ conformance tests need Debian's RabbitMQ (the AMQP 1.0 broker they run against): " +
            "install it with `sudo apt-get install rabbitmq-server` (the tests start and stop it themselves).");
        _state = Directory.CreateTempSubdirectory("eda-rabbitmq-");
        WriteConfiguration(_state.FullName);

        var pidFile = Path.Combine(_state.FullName, "rabbit.pid");
        var log = Path.Combine(_state.FullName, "server.log");
        // The shell redirects the server's output to a file, so nothing waits on a pipe nobody reads.
        using var server = Start("/bin/sh", "-c", $"exec '{Path.Combine(_binDirectory, "rabbitmq-server")}' > '{log}' 2>&1");
        var ready = await RunAsync(Path.Combine(_binDirectory, "rabbitmqctl"), "--timeout", "60", "wait", pidFile);
        if (!ready)
        {
            var output = File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no log)";
            throw new InvalidOperationException($"RabbitMQ did not start within {StartTimeout.TotalSeconds} s:\n{output[^Math.Min(output.Length, 4000)..]}");
        }
    }

    public async Task DisposeAsync()
    {
        Management.Dispose();
        if (_state is null || _binDirectory is null)
        {
            return;
        }

        await RunAsync(Path.Combine(_binDirectory, "rabbitmqctl"), "stop", Path.Combine(_state.FullName, "rabbit.pid"));
        await RunAsync("epmd", "-kill");
        try
        {
            _state.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A straggling Erlang process may still write its log; the temporary folder goes with the machine.
        }
    }

    /// <summary>
    /// Declares the quorum queue and its dead-letter queue as the adapter expects them: <c>x-delivery-limit</c> =
    /// MaxDeliveryCount − 1 (a quorum queue counts returns, not deliveries) and dead-lettering to <c>&lt;name&gt;.dlq</c>.
    /// </summary>
    public async Task DeclareQueueAsync(string name, int maxDeliveryCount)
    {
        await PutQueueAsync($"{name}.dlq", new Dictionary<string, object> { ["x-queue-type"] = "quorum" });
        await PutQueueAsync(name, new Dictionary<string, object>
        {
            ["x-queue-type"] = "quorum",
            ["x-delivery-limit"] = maxDeliveryCount - 1,
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = $"{name}.dlq",
        });
    }

    public async Task DeleteQueueAsync(string name)
    {
        foreach (var queue in new[] { name, $"{name}.dlq" })
        {
            using var response = await Management.DeleteAsync(new Uri($"api/queues/%2F/{Uri.EscapeDataString(queue)}", UriKind.Relative));
        }
    }

    private async Task PutQueueAsync(string name, Dictionary<string, object> arguments)
    {
        using var response = await Management.PutAsJsonAsync(
            new Uri($"api/queues/%2F/{Uri.EscapeDataString(name)}", UriKind.Relative), new { durable = true, arguments });
        response.EnsureSuccessStatusCode();
    }

    private void WriteConfiguration(string state)
    {
        // Statistics every 100 ms (default 5 s), so the management API's counts trail the queues only a little.
        File.WriteAllText(Path.Combine(state, "rabbitmq.conf"), $"""
            management.tcp.ip = {Host}
            management.tcp.port = {ManagementPort}
            collect_statistics_interval = 100
            """);
        File.WriteAllText(Path.Combine(state, "advanced.config"), "[{rabbit, [{quorum_tick_interval, 100}]}].");
        File.WriteAllText(Path.Combine(state, "enabled_plugins"), "[rabbitmq_amqp1_0,rabbitmq_management].");
        _environment["HOME"] = state;
        _environment["RABBITMQ_NODENAME"] = "rabbit@localhost";
        _environment["RABBITMQ_NODE_IP_ADDRESS"] = Host;
        _environment["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _environment["ERL_EPMD_ADDRESS"] = Host;
        _environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        _environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(state, "mnesia");
        _environment["RABBITMQ_LOG_BASE"] = Path.Combine(state, "log");
        _environment["RABBITMQ_PID_FILE"] = Path.Combine(state, "rabbit.pid");
        _environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(state, "enabled_plugins");
        _environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(state, "rabbitmq.conf");
        _environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(state, "advanced.config");
        _environment["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(state, "plugins-expand");
    }

    /// <summary>The folder of rabbitmq-server and rabbitmqctl; Debian's own (no su wrapper) when present.</summary>
    private static string? FindBinDirectory()
    {
        string[] candidates = ["/usr/lib/rabbitmq/bin", .. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'), "/usr/sbin"];
        return candidates.FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "rabbitmq-server")) && File.Exists(Path.Combine(d, "rabbitmqctl")));
    }

    private Process Start(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
    }

    private async Task<bool> RunAsync(string fileName, params string[] arguments)
    {
        using var process = Start(fileName, arguments);
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(Host, port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitMqBrokerGroup : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "RabbitMQ";
}
