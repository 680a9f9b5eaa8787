extern alias saga;

using EdaAspire.Contracts.Fulfillment;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Tests.Time;
using EdaAspire.WorkQueue;
using Microsoft.Extensions.DependencyInjection;
using saga::EdaAspire.Saga.Worker.Fulfillment;

namespace EdaAspire.IntegrationTests.Fulfillment;

/// <summary>
/// A handler slower than its delivery's lock keeps the lock by renewing it, on the real SQLite queue and Kafka cluster.
/// The queue, the simulator's latency and the renewal share one fake clock that the test moves from timer to timer, so a
/// busy machine can delay a renewal but never let the lock run out under it.
/// </summary>
public sealed class LockRenewalTests : IDisposable
{
    private static readonly TimeSpan Lock = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Half = Lock / 2;
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(3.5);

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _messaging = new("messaging");
    private readonly FulfillmentProbe _probe = new();
    private readonly FakeClock _clock = new();

    [Fact]
    public async Task A_handler_slower_than_the_lock_renews_it_at_each_half_and_completes_the_delivery()
    {
        var settings = FulfillmentHost.Settings(latency: "00:00:03.500");
        settings["WorkQueues:fulfillment:LockDuration"] = "00:00:02";
        using var host = FulfillmentHost.Build(_kafka.BootstrapServers, _messaging.ConnectionString, settings, _clock);
        var queue = host.Services.GetRequiredKeyedService<IWorkQueue>(FulfillmentCommandCatalog.QueueName);
        var handler = host.Services.GetRequiredService<FulfillmentCommandHandler>();
        var command = CommandMessages.Mixed(1, "slow")[0];
        await queue.SendAsync(CommandMessages.For(command));

        var delivery = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero));
        var handling = handler.HandleAsync(delivery, CancellationToken.None);
        await _clock.WaitForTimerAsync(Latency); // the call to the downstream system is under way

        // Each renewal is due when half the lock has run out and, once done, sets the next one a half later.
        for (var renewal = 1; renewal <= 3; renewal++)
        {
            await _clock.WaitForTimerAsync(Half);
            _clock.Advance(Half);
        }

        await _clock.WaitForTimerAsync(Half); // the third renewal is done
        Assert.Equal(Lock + Half, _clock.GetUtcNow() - delivery.EnqueuedTime); // well past the lock granted on receipt
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero)); // still held: no other worker can take it

        _clock.Advance(Latency - (3 * Half));
        await handling.WaitAsync(FakeClock.Ceiling);

        var id = CommandMessages.IdOf(command);
        Assert.Equal(1, _probe.Outcomes(FulfillmentOutcomes.Succeeded, new HashSet<string> { id }));
        Assert.Equal(new QueueCounts(0, 0, 0, 0), await queue.GetCountsAsync());
        Assert.Equal(id, Assert.Single(FulfillmentProbe.ResultEvents(_kafka.BootstrapServers)).Envelope.CausationId);
    }

    public void Dispose()
    {
        _probe.Dispose();
        _kafka.Dispose();
        _messaging.Dispose();
    }
}
