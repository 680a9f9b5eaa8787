using System.Diagnostics.Metrics;
using System.Globalization;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using EdaAspire.WorkQueue.Telemetry;
using EdaAspire.WorkQueueTests.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace EdaAspire.WorkQueueTests.ServiceBusEmulator;

/// <summary>
/// The conformance suite against the Service Bus emulator (Docker, the online workflow). Compiled only with
/// <c>-p:ServiceBusEmulator=true</c>, so the offline run has no such test to skip; without
/// <c>SERVICEBUS_EMULATOR_CONNECTION_STRING</c> every test fails. The emulator cannot create queues: each settings
/// combination the suite uses has a queue in <c>servicebus-emulator/Config.json</c>, emptied before each test, and each
/// test's message ids get a prefix of their own, so duplicate detection does not join two tests.
/// </summary>
public sealed class ServiceBusEmulatorConformanceTests : WorkQueueConformance, IDisposable
{
    private readonly string _idPrefix = $"{Guid.NewGuid():N}-"[..9];
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private static string ConnectionString => Environment.GetEnvironmentVariable("SERVICEBUS_EMULATOR_CONNECTION_STRING")
        ?? throw new InvalidOperationException("Set SERVICEBUS_EMULATOR_CONNECTION_STRING to the emulator's connection string.");

    // The emulator has no management operations; in flight is never reported by Service Bus.
    protected override QueueCapabilities Capabilities { get; } = new() { ReportsCounts = false, ReportsInFlightCount = false };

    // Service Bus's shortest lock duration.
    protected override TimeSpan ShortLock => TimeSpan.FromSeconds(5);

    protected override string ProbeConnectionString => ConnectionString;

    protected override string SentId(string reportedId) => reportedId.StartsWith(_idPrefix, StringComparison.Ordinal) ? reportedId[_idPrefix.Length..] : reportedId;

    protected override async Task<IWorkQueue> CreateQueueAsync(WorkQueueOptions options)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"conformance-l{options.LockDuration.TotalSeconds:0}-d{options.MaxDeliveryCount}");
        var adapter = WorkQueueConnection.Parse(ConnectionString).Open(options with { QueueName = name });
        await EmptyAsync(adapter);
        return new PrefixedIds(
            new InstrumentedWorkQueue(adapter, WorkQueueConnection.ServiceBusSystem, new WorkQueueTelemetry(_metrics.GetRequiredService<IMeterFactory>())), _idPrefix);
    }

    public void Dispose() => _metrics.Dispose();

    private static async Task EmptyAsync(IWorkQueue queue)
    {
        while (await queue.ReceiveAsync(100, TimeSpan.FromSeconds(1)) is { Count: > 0 } left)
        {
            foreach (var message in left)
            {
                await queue.CompleteAsync(message);
            }
        }

        await queue.PurgeDeadLettersAsync();
    }
}
