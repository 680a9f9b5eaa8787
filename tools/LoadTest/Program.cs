using System.Globalization;
using EdaAspire.LoadTest;
using EdaAspire.LoadTest.Baselines;
using EdaAspire.LoadTest.Reporting;
using EdaAspire.LoadTest.Scenarios;
using EdaAspire.LoadTest.Target;

LoadTestOptions? options;
try
{
    options = LoadTestOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"{ex.Message}\n\n{LoadTestOptions.Usage}");
    return 2;
}

if (options is null)
{
    Console.WriteLine(LoadTestOptions.Usage);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var machine = MachineInfo.Now();
Console.WriteLine($"EdaAspire load test — {machine.Cores} cores, {machine.Os}, {machine.Runtime}, load average {machine.LoadAtStart}");
var results = new List<ScenarioResult>();

void Show(ScenarioResult result)
{
    results.Add(result);
    Console.WriteLine(ConsoleTable.Scenario(result));
}

try
{
    // The raw limits first, alone on the machine, so the system's idle processes do not share the cores with them.
    if (options.Scenarios.Contains("baselines"))
    {
        Console.WriteLine("Baselines: raw Kafka producer and consumer, raw SQLite upserts…");
        Show(RawKafka.Run(options.BaselineMessages, cancel.Token));
        Show(await RawSqlite.RunAsync(options.BaselineMessages, cancel.Token));
    }

    var scenarios = new (string Name, Func<ISystemUnderTest, LoadTestOptions, CancellationToken, Task<ScenarioResult>> Run)[]
    {
        (IngestFlatOut.Name, IngestFlatOut.RunAsync),
        (LatencyRun.Name, LatencyRun.RunAsync),
        (SagaRun.Name, SagaRun.RunAsync),
        (IdleRun.Name, IdleRun.RunAsync),
        (CatalogRun.Name, CatalogRun.RunAsync),
    };
    foreach (var (name, run) in scenarios.Where(s => options.Scenarios.Contains(s.Name)))
    {
        // Each scenario on a fresh system: an empty log and empty read models, no backlog left by the one before.
        Console.WriteLine(options.IngestionUrl is null ? $"Scenario {name}: starting a fresh system (embedded AppHost)…" : $"Scenario {name} against {options.IngestionUrl}…");
        await using var system = options.IngestionUrl is { } url
            ? new AttachedSystem(url, options.DataPath ?? Path.Combine(RepositoryPaths.Root, "AppHost.Embedded", ".data"))
            : (ISystemUnderTest)await StartedAppHost.StartAsync(options.Environment, options.Verbose, cancel.Token);
        Console.WriteLine($"  processes: {string.Join(", ", system.Processes.Select(p => $"{p.Key}={p.Value}"))}");
        try
        {
            Show(await run(system, options, cancel.Token));
        }
        catch (Exception ex) when (ex is not OperationCanceledException && system is StartedAppHost started)
        {
            Console.Error.WriteLine($"Scenario {name} failed: {ex.Message}\nLast lines of the system's log:\n{started.Tail(40)}");
            throw;
        }
    }
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled; writing what was measured.");
}

var targets = Targets.Judge(results);
Console.WriteLine(ConsoleTable.Verdict(targets));
var path = options.OutputPath
    ?? Path.Combine(RepositoryPaths.Artifacts("load"), DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".json");
await new RunReport(DateTimeOffset.UtcNow, machine, options, results, targets).WriteAsync(path, CancellationToken.None);
Console.WriteLine($"Results: {path}");
return 0;
