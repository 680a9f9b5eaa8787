using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdaAspire.Tests.Aspire;

/// <summary>
/// The embedded AppHost started as a user's <c>dotnet run</c> starts it, through Aspire.Hosting.Testing: DCP runs the
/// services as processes on random ports, the mock Kafka cluster lives in this process, and the data folder is a fresh
/// temporary one. Keeps every resource's log lines and latest snapshot, so tests can read what the Aspire dashboard
/// would show, kill a service's process and start it again through its resource command.
/// </summary>
public sealed class EmbeddedSystem : IAsyncDisposable
{
    /// <summary>Every resource of the composition, each healthy before a test starts.</summary>
    public static readonly string[] Resources = ["kafka", "ingestion", "projections", "notifications", "saga", "fulfillment", "dashboard", "catalog", "catalog-cdc"];

    private readonly ConcurrentDictionary<string, ResourceEvent> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Resource, string Line)> _logs = new();
    private readonly CancellationTokenSource _watching = new();
    private readonly ConcurrentBag<Task> _watchers = [];

    private EmbeddedSystem(DistributedApplication app, string dataPath)
    {
        App = app;
        DataPath = dataPath;
    }

    public DistributedApplication App { get; }

    public string DataPath { get; }

    public TimeSpan StartedIn { get; private set; }

    public Uri IngestionUrl => App.GetEndpoint("ingestion", "http");

    public Uri DashboardUrl => App.GetEndpoint("dashboard", "http");

    /// <summary>Every line every resource logged so far, as (resource, line); the resource is its model name.</summary>
    public IReadOnlyCollection<(string Resource, string Line)> Logs => _logs;

    /// <summary>Builds and starts the AppHost and waits until every resource is healthy.</summary>
    /// <param name="configure">Changes a test makes to the model before it starts (e.g. a service's settings).</param>
    /// <param name="args">More AppHost arguments, e.g. the dashboard's URLs.</param>
    public static async Task<EmbeddedSystem> StartAsync(
        Action<IDistributedApplicationTestingBuilder>? configure = null,
        IEnumerable<string>? args = null,
        bool withDashboard = false,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var dataPath = Directory.CreateTempSubdirectory("eda-apphost-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost_Embedded>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = withDashboard },
            [$"--EdaAspire:DataPath={dataPath}", .. args ?? []],
            cancellationToken);
        configure?.Invoke(builder);
        var app = await builder.BuildAsync(cancellationToken);
        var system = new EmbeddedSystem(app, dataPath);
        system._watchers.Add(system.WatchResourcesAsync());
        try
        {
            await app.StartAsync(cancellationToken);
            await system.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3), cancellationToken);
            await CatalogCopy.WaitUntilCompleteAsync(system, TimeSpan.FromMinutes(3), cancellationToken);
        }
        catch
        {
            // Stops whatever DCP started, so a failed start leaves no process behind for the next test.
            await system.DisposeAsync();
            throw;
        }

        system.StartedIn = clock.Elapsed;
        return system;
    }

    /// <summary>
    /// Waits until every resource (each replica) is healthy. A service that ends meanwhile fails the wait at once with its
    /// own last log lines; on a miss, the message says where each resource stood.
    /// </summary>
    public async Task WaitUntilHealthyAsync(TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (!Resources.All(r => Instances(r).Count >= Expected(r) && Instances(r).All(IsHealthy)))
        {
            if (_instances.Values.FirstOrDefault(e => Resources.Contains(e.Resource.Name) && KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text)) is { } ended)
            {
                throw new InvalidOperationException($"{ended.ResourceId} ended while the system started ({ended.Snapshot.State?.Text}, exit code {ended.Snapshot.ExitCode}). Its last lines:\n{Tail(ended.Resource.Name, 60)}");
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Not every resource was healthy within {limit.TotalSeconds} s: {Describe()}\n{Tail(40)}");
            }

            // A poll of the resources' states, not a wait for time to pass.
            await Task.Delay(200, cancellationToken);
        }
    }

    private static int Expected(string resource) => resource == "fulfillment" ? Composition.Composition.FulfillmentReplicas : 1;

    /// <summary>The latest snapshot of each instance of a resource (a project with replicas has several).</summary>
    public IReadOnlyList<CustomResourceSnapshot> Instances(string resource) =>
        _instances.Values.Where(e => e.Resource.Name == resource).OrderBy(e => e.ResourceId, StringComparer.Ordinal).Select(e => e.Snapshot).ToList();

    /// <summary>The instance ids of a resource, e.g. <c>fulfillment-abcd1234</c>.</summary>
    public IReadOnlyList<string> InstanceIds(string resource) =>
        _instances.Values.Where(e => e.Resource.Name == resource).Select(e => e.ResourceId).Order(StringComparer.Ordinal).ToList();

    public CustomResourceSnapshot Snapshot(string instanceId) => _instances[instanceId].Snapshot;

    /// <summary>
    /// The service's own process. DCP runs <c>dotnet run --no-build</c> (the pid in the resource's snapshot), which runs
    /// the service as its child; a crash is the child's death, after which <c>dotnet run</c> ends with it.
    /// </summary>
    public int ServicePid(string instanceId)
    {
        var launcher = Snapshot(instanceId).Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string pid => int.Parse(pid, CultureInfo.InvariantCulture),
            var other => throw new InvalidOperationException($"{instanceId} has no pid ({other ?? "none"}); state {Snapshot(instanceId).State?.Text}."),
        };
        return ChildProcesses.Of(launcher).SingleOrDefault(launcher);
    }

    /// <summary>SIGKILL of the service's process, no grace: a crash. Returns when the resource shows it as ended.</summary>
    public async Task KillAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using (var process = Process.GetProcessById(ServicePid(instanceId)))
        {
            process.Kill();
        }

        await WaitForAsync(() => KnownResourceStates.TerminalStates.Contains(Snapshot(instanceId).State?.Text), TimeSpan.FromSeconds(60),
            () => $"{instanceId} still shows {Snapshot(instanceId).State?.Text} after SIGKILL", cancellationToken);
    }

    /// <summary>Starts an ended instance again with the dashboard's Start command, and waits until it is healthy.</summary>
    public async Task StartAgainAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(instanceId, KnownResourceCommands.StartCommand, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"Starting {instanceId} failed: {result.Message}");
        }

        await WaitForAsync(() => IsHealthy(Snapshot(instanceId)), TimeSpan.FromSeconds(120),
            () => $"{instanceId} was not healthy again: {Describe()}", cancellationToken);
    }

    /// <summary>Waits for a log line of a resource; on a miss, the message holds the last lines.</summary>
    public Task<string> WaitForLogAsync(string resource, Func<string, bool> match, TimeSpan limit, CancellationToken cancellationToken = default) =>
        WaitForValueAsync(() => _logs.Where(l => l.Resource == resource).Select(l => l.Line).FirstOrDefault(match), limit,
            () => $"{resource} did not log the expected line within {limit.TotalSeconds} s. Last lines:\n{Tail(40)}", cancellationToken);

    public string Tail(int lines) => string.Join('\n', _logs.TakeLast(lines).Select(l => $"[{l.Resource}] {l.Line}"));

    public string Tail(string resource, int lines) => string.Join('\n', _logs.Where(l => l.Resource == resource).TakeLast(lines).Select(l => l.Line));

    public string Describe() => string.Join(", ", _instances.Values.OrderBy(e => e.ResourceId, StringComparer.Ordinal)
        .Select(e => $"{e.ResourceId} {e.Snapshot.State?.Text} {e.Snapshot.HealthStatus?.ToString() ?? "-"}"));

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await _watching.CancelAsync();
        await Task.WhenAll(_watchers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
        await App.DisposeAsync();
        _watching.Dispose();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A late writer; the temp folder is the OS's to clean.
        }
    }

    private static bool IsHealthy(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

    private async Task WatchResourcesAsync()
    {
        await foreach (var update in App.ResourceNotifications.WatchAsync(_watching.Token))
        {
            if (_instances.TryAdd(update.ResourceId, update))
            {
                _watchers.Add(WatchLogsAsync(update.Resource.Name, update.ResourceId));
            }
            else
            {
                _instances[update.ResourceId] = update;
            }
        }
    }

    private async Task WatchLogsAsync(string resource, string instanceId)
    {
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        await foreach (var batch in logs.WatchAsync(instanceId).WithCancellation(_watching.Token))
        {
            foreach (var line in batch)
            {
                _logs.Enqueue((resource, line.Content));
            }
        }
    }

    private static Task<string> WaitForAsync(Func<bool> condition, TimeSpan limit, Func<string> onTimeout, CancellationToken cancellationToken) =>
        WaitForValueAsync(() => condition() ? "yes" : null, limit, onTimeout, cancellationToken);

    private static async Task<string> WaitForValueAsync(Func<string?> probe, TimeSpan limit, Func<string> onTimeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (limit == Timeout.InfiniteTimeSpan || clock.Elapsed < limit)
        {
            if (probe() is { } value)
            {
                return value;
            }

            // A poll for a condition, not a wait for time to pass.
            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException(onTimeout());
    }
}
