using System.Diagnostics;
using System.Runtime.InteropServices;
using EdaAspire.EmbeddedKafka;
using EdaAspire.Standalone;

StandaloneOptions? options;
try
{
    options = StandaloneOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"{ex.Message}\n\n{StandaloneOptions.Usage}");
    return 2;
}

if (options is null)
{
    Console.WriteLine(StandaloneOptions.Usage);
    return 0;
}

using var shutdown = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var log = new ConsoleLog();
var started = Stopwatch.StartNew();

// The mock cluster's log starts empty, so the databases start empty too: no read model the log does not back.
if (Directory.Exists(options.DataPath))
{
    Directory.Delete(options.DataPath, recursive: true);
}

Directory.CreateDirectory(options.DataPath);

using var kafka = KafkaMockCluster.Start();
log.Info($"Kafka: librdkafka mock cluster, {kafka.BrokerCount} brokers at {kafka.BootstrapServers}");
log.Info($"Data: fresh SQLite databases in {options.DataPath}");

var services = Topology.Build(options, kafka.BootstrapServers, options.DataPath)
    .Select(definition => ServiceProcess.Start(definition, log))
    .ToList();

try
{
    await Readiness.WaitForHttpServicesAsync(services, log, shutdown.Token);
    log.Info($"Ready in {started.Elapsed.TotalSeconds:F1} s.");
    foreach (var service in services.Where(s => s.Definition.HttpUrl is not null))
    {
        log.Info($"  {service.Definition.Name,-10} {service.Definition.HttpUrl}");
    }

    var ingestion = services.Single(s => s.Definition.Name == "ingestion").Definition.HttpUrl;
    log.Info($"Try: curl -i {ingestion}api/clickstream -H 'Content-Type: application/json' -d '{{\"events\":[{{\"type\":\"page_viewed\",\"sessionId\":\"s-1\",\"url\":\"/\",\"timestamp\":\"{DateTimeOffset.UtcNow:O}\"}}]}}'");
    log.Info("Ctrl+C stops everything.");
    await Task.Delay(Timeout.Infinite, shutdown.Token);
}
catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
{
}
catch (TimeoutException ex)
{
    log.Error("standalone", ex.Message);
    Environment.ExitCode = 1;
}

log.Info("Stopping…");
await Task.WhenAll(services.Select(s => s.DisposeAsync().AsTask()));
log.Info("Stopped.");
return Environment.ExitCode;

void Stop(PosixSignalContext context)
{
    // Keep the process alive to stop the children; the second signal is ignored the same way.
    context.Cancel = true;
    shutdown.Cancel();
}
