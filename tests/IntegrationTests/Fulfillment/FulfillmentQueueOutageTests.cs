extern alias saga;

using System.Diagnostics;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Tests.Outage;
using EdaAspire.WorkQueue;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using saga::EdaAspire.Saga.Worker.Fulfillment;

namespace EdaAspire.IntegrationTests.Fulfillment;

/// <summary>
/// The whole fulfillment service (receive loop, handler, lock renewal, settlement, the compensations' retries) through an
/// outage of its queue's store: another connection holds the SQLite queue's write lock while commands are in flight and
/// more are being sent. The same host must resume by itself, and every command still gets exactly one result.
/// </summary>
public sealed class FulfillmentQueueOutageTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>How long the first send may take to fail under the lock (the queue's busy timeout is 10 s): generous.</summary>
    private static readonly TimeSpan OutageCeiling = TimeSpan.FromMinutes(2);

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _messaging = new("messaging");
    private readonly FulfillmentProbe _probe = new();

    [Fact]
    public async Task A_locked_queue_store_loses_no_command_and_the_same_service_resumes()
    {
        var settings = FulfillmentHost.Settings(permanentFailureRate: 0.2, transientFailureRate: 0.2, latency: "00:00:00.020");
        // A short lock, so a delivery whose settlement the outage refused comes back soon after it.
        settings["WorkQueues:fulfillment:LockDuration"] = "00:00:05";
        using var host = await FulfillmentHost.StartAsync(_kafka.BootstrapServers, _messaging.ConnectionString, settings);
        var queue = host.Services.GetRequiredKeyedService<IWorkQueue>(FulfillmentCommandCatalog.QueueName);
        var commands = CommandMessages.Mixed(400, "outage");
        await queue.SendAsync([.. commands.Take(300).Select(c => CommandMessages.For(c))]);
        var ids = commands.Select(CommandMessages.IdOf).ToHashSet();
        await FulfillmentProbe.WaitUntilAsync(() => Task.FromResult(Answered(ids) >= 60), TimeSpan.FromSeconds(60));

        Task<int> sending;
        int answeredBefore, answeredDuring;
        var clock = Stopwatch.StartNew();
        await using (await SqliteWriteLock.TakeAsync(_messaging.ConnectionString))
        {
            answeredBefore = Answered(ids);
            // The rest is sent during the outage, retried as the saga's outbox relay retries.
            var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            sending = SendUntilAcceptedAsync(queue, [.. commands.Skip(300).Select(c => CommandMessages.For(c))], failed);
            // Held until a send has outlasted the busy timeout and failed: the store is down for everyone, not just slow.
            await failed.Task.WaitAsync(OutageCeiling);
            answeredDuring = Answered(ids) - answeredBefore;
        }

        output.WriteLine($"Held the queue store's write lock for {clock.Elapsed.TotalSeconds:F1} s (with taking it): " +
            $"{answeredBefore} commands answered before it, {answeredDuring} during it.");
        var failedSends = await sending;
        await FulfillmentProbe.WaitUntilDrainedAsync(queue, 0, TimeSpan.FromSeconds(120));
        output.WriteLine($"The last 100 sent after {failedSends} failed tries; drained {clock.Elapsed.TotalSeconds:F1} s after the outage began.");

        Assert.True(failedSends > 0, "No send failed: the store was never down.");
        var results = FulfillmentProbe.ResultEvents(_kafka.BootstrapServers).GroupBy(r => r.Envelope.CausationId!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(commands.Select(CommandMessages.IdOf).Order(), results.Keys.Order());
        Assert.All(results, r => Assert.Equal(DeterministicId.Create($"{r.Key}:result").ToString(), Assert.Single(r.Value.Select(c => c.Envelope.Id).Distinct())));
        output.WriteLine($"{commands.Count} commands, {results.Count} with a result, {results.Values.Sum(r => r.Count) - results.Count} repeated publications (same event id).");
    }

    /// <summary>Deliveries of these commands that ended with a published result.</summary>
    private int Answered(IReadOnlySet<string> ids) =>
        (int)(_probe.Outcomes(FulfillmentOutcomes.Succeeded, ids) + _probe.Outcomes(FulfillmentOutcomes.Failed, ids));

    /// <returns>How many tries failed before one was accepted.</returns>
    private static async Task<int> SendUntilAcceptedAsync(IWorkQueue queue, IReadOnlyCollection<QueueMessage> messages, TaskCompletionSource failed)
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                await queue.SendAsync(messages);
                return tries;
            }
            catch (Exception) when (tries < 20)
            {
                failed.TrySetResult();
                await Task.Delay(500); // paces the retries, as the outbox relay's backoff does; the condition is acceptance
            }
        }
    }

    public void Dispose()
    {
        _probe.Dispose();
        _kafka.Dispose();
        _messaging.Dispose();
    }
}
