using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

using EdaAspire.WorkQueueTests.RabbitMq;

namespace EdaAspire.WorkQueueTests.Outage;

/// <summary>
/// A RabbitMQ node of the outage test's own (Debian's <c>rabbitmq-server</c>, started here and stopped on dispose), so
/// taking it down disturbs no other test class: its own node name, state folder, and free ports for AMQP, the management
/// API, Erlang distribution and even epmd (the shared broker's fixture kills the default epmd when it stops).
/// The AMQP 1.0 and management plugins are on, as the adapter needs; the user is guest/guest on 127.0.0.1.
/// </summary>
internal sealed class RabbitMqOutageNode : IAsyncDisposable
{
    private const string Host = RabbitMqBroker.Host;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("eda-rabbitmq-outage-");
    private readonly string _bin;
    private readonly int _amqpPort;
    private readonly int _managementPort;
    private readonly int _epmdPort;
    private readonly Dictionary<string, string> _environment;
    private readonly HttpClient _management;

    private RabbitMqOutageNode(string bin)
    {
        _bin = bin;
        int distributionPort;
        (_amqpPort, _managementPort, distributionPort, _epmdPort) = FreePorts();
        var state = _state.FullName;
        File.WriteAllText(Path.Combine(state, "rabbitmq.conf"), $"""
            listeners.tcp.default = {Host}:{_amqpPort}
            management.tcp.ip = {Host}
            management.tcp.port = {_managementPort}
            collect_statistics_interval = 100
            """);
        // Quorum queues report their length every 100 ms (default 5 s), so the final count is current soon.
        File.WriteAllText(Path.Combine(state, "advanced.config"), "[{rabbit, [{quorum_tick_interval, 100}]}].");
        File.WriteAllText(Path.Combine(state, "enabled_plugins"), "[rabbitmq_amqp1_0,rabbitmq_management].");
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = state, // the Erlang cookie lives here, shared by the server and rabbitmqctl
            ["RABBITMQ_NODENAME"] = $"eda-outage-{Environment.ProcessId}@localhost",
            ["RABBITMQ_DIST_PORT"] = Invariant(distributionPort),
            ["ERL_EPMD_PORT"] = Invariant(_epmdPort),
            ["ERL_EPMD_ADDRESS"] = Host,
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(state, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(state, "log"),
            ["RABBITMQ_PID_FILE"] = PidFile,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(state, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(state, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(state, "advanced.config"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(state, "plugins-expand"),
        };
        _management = new HttpClient { BaseAddress = new Uri($"http://{Host}:{_managementPort}/") };
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
    }

    /// <summary>The work queue's connection string for this node, with its management API for the counts.</summary>
    public string ConnectionString => $"Endpoint=amqp://guest:guest@{Host}:{_amqpPort};ManagementEndpoint=http://{Host}:{_managementPort}/;";

    private string PidFile => Path.Combine(_state.FullName, "rabbit.pid");

    public static async Task<RabbitMqOutageNode> StartAsync()
    {
        string[] folders = ["/usr/lib/rabbitmq/bin", .. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'), "/usr/sbin"];
        var bin = folders.FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "rabbitmq-server")) && File.Exists(Path.Combine(d, "rabbitmqctl")))
            ?? throw new InvalidOperationException(
                "The RabbitMQ outage test needs Debian's RabbitMQ: `sudo apt-get install rabbitmq-server` (the test starts and stops its own node).");
        var node = new RabbitMqOutageNode(bin);
        var log = Path.Combine(node._state.FullName, "server.log");
        // The shell sends the server's output to a file, so nothing waits on a pipe nobody reads.
        try
        {
            using (node.Start("/bin/sh", "-c", $"exec '{Path.Combine(bin, "rabbitmq-server")}' > '{log}' 2>&1"))
            {
                await node.CtlAsync("--timeout", "60", "wait", node.PidFile);
            }

            return node;
        }
        catch (InvalidOperationException ex)
        {
            var output = File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no log)";
            await node.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message}\nserver log:\n{output[^Math.Min(output.Length, 4000)..]}", ex);
        }
    }

    /// <summary>Stops the RabbitMQ application (listeners, connections, queues) but not the Erlang node.</summary>
    public Task StopAppAsync() => CtlAsync("stop_app");

    /// <summary>Starts it again; returns once the broker and its plugins run.</summary>
    public Task StartAppAsync() => CtlAsync("start_app");

    /// <summary>The quorum queue and its dead-letter queue, as the adapter expects them (see WorkQueue/README.md).</summary>
    public async Task DeclareQueueAsync(string name, int maxDeliveryCount)
    {
        foreach (var (queue, arguments) in new (string, Dictionary<string, object>)[]
        {
            ($"{name}.dlq", new() { ["x-queue-type"] = "quorum" }),
            (name, new()
            {
                ["x-queue-type"] = "quorum",
                ["x-delivery-limit"] = maxDeliveryCount - 1,
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = $"{name}.dlq",
            }),
        })
        {
            using var response = await _management.PutAsJsonAsync(new Uri($"api/queues/%2F/{queue}", UriKind.Relative), new { durable = true, arguments });
            response.EnsureSuccessStatusCode();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _management.Dispose();
        try
        {
            await CtlAsync("stop", PidFile);
        }
        finally
        {
            // This node's own epmd (it answers "Killed").
            using (var epmd = Start("epmd", ["-port", Invariant(_epmdPort), "-kill"], redirect: true))
            {
                await epmd.StandardOutput.ReadToEndAsync();
                await epmd.WaitForExitAsync();
            }

            try
            {
                _state.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A straggling Erlang process may still write its log; the temporary folder goes with the machine.
            }
        }
    }

    private async Task CtlAsync(params string[] arguments)
    {
        using var process = Start(Path.Combine(_bin, "rabbitmqctl"), arguments, redirect: true);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        if (!process.HasExited || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed:\n{await output}\n{await errors}");
        }
    }

    private Process Start(string fileName, params string[] arguments) => Start(fileName, arguments, redirect: false);

    private Process Start(string fileName, string[] arguments, bool redirect)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = redirect, RedirectStandardError = redirect };
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

    /// <summary>Four distinct ports free on the loopback right now (held open together, so the system hands out four).</summary>
    private static (int, int, int, int) FreePorts()
    {
        var listeners = Enumerable.Range(0, 4).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return (ports[0], ports[1], ports[2], ports[3]);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
