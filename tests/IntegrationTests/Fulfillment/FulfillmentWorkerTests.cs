extern alias saga;

using System.Diagnostics;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Messaging.Envelope;
using EdaAspire.WorkQueue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using saga::EdaAspire.Saga.Worker.Fulfillment;

namespace EdaAspire.IntegrationTests.Fulfillment;

/// <summary>
/// The fulfillment workers on the real pieces: the SQLite work queue, the embedded Kafka cluster and the generic host,
/// checked against what the commands' ids say must happen.
/// </summary>
public sealed class FulfillmentWorkerTests : IDisposable
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(90);

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _messaging = new("messaging");
    private readonly FulfillmentProbe _probe = new();

    private Task<IHost> StartAsync(Dictionary<string, string?> settings) =>
        FulfillmentHost.StartAsync(_kafka.BootstrapServers, _messaging.ConnectionString, settings);

    private static IWorkQueue QueueOf(IHost host) => host.Services.GetRequiredKeyedService<IWorkQueue>(FulfillmentCommandCatalog.QueueName);

    private static async Task SendAndDrainAsync(IWorkQueue queue, IEnumerable<IFulfillmentCommand> commands, int deadLetters = 0)
    {
        await queue.SendAsync([.. commands.Select(c => CommandMessages.For(c))]);
        await FulfillmentProbe.WaitUntilDrainedAsync(queue, deadLetters, Drain);
    }

    [Fact]
    public async Task Every_command_yields_exactly_one_result_event_or_one_dead_letter_and_the_queue_drains()
    {
        var rates = new SimulatorOptions { PermanentFailureRate = 0.3, TransientFailureRate = 0.3, PoisonRate = 0.1 };
        using var host = await StartAsync(FulfillmentHost.Settings(0.3, 0.3, 0.1, maxDeliveryCount: 30));
        var queue = QueueOf(host);
        var commands = CommandMessages.Mixed(300, "mixed");
        var traces = commands.ToDictionary(
            CommandMessages.IdOf,
            _ => new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded));
        var poisonOrder = Guid.NewGuid();

        await queue.SendAsync([.. commands.Select(c => CommandMessages.For(c, traces[CommandMessages.IdOf(c)]))]);
        await queue.SendAsync([
            CommandMessages.UnknownType(poisonOrder), CommandMessages.MalformedBody(poisonOrder), CommandMessages.WithoutEnvelope(poisonOrder)]);

        var poisoned = commands.Where(c => DeterministicOutcome.CanBePoisoned(c) && DeterministicOutcome.For(CommandMessages.IdOf(c), rates).IsPoison).ToList();
        var handled = commands.Except(poisoned).ToList();
        Assert.InRange(poisoned.Count, 10, 60); // the draw is a real mix
        await FulfillmentProbe.WaitUntilDrainedAsync(queue, poisoned.Count + 3, Drain);

        // Dead letters: the poisoned commands and the three broken messages, each with its reason; nothing else.
        var deadLetters = (await FulfillmentProbe.DeadLettersAsync(queue)).ToDictionary(m => m.MessageId, m => m.DeadLetterReason);
        var expectedDeadLetters = poisoned.ToDictionary(CommandMessages.IdOf, _ => (string?)PoisonReasons.SimulatedPoison);
        expectedDeadLetters[$"{poisonOrder:N}/gift-wrap"] = PoisonReasons.UnknownCommandType;
        expectedDeadLetters[$"{poisonOrder:N}/authorize-payment"] = PoisonReasons.MalformedBody;
        expectedDeadLetters[$"{poisonOrder:N}/bare"] = PoisonReasons.MissingEnvelope;
        Assert.Equal(expectedDeadLetters.OrderBy(p => p.Key), deadLetters.OrderBy(p => p.Key));

        // Results: per handled command exactly one distinct event id, the one derived from the command's id.
        var results = FulfillmentProbe.ResultEvents(_kafka.BootstrapServers).GroupBy(r => r.Envelope.CausationId).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.Equal(handled.Select(CommandMessages.IdOf).Order(), results.Keys.Order());
        foreach (var command in handled)
        {
            var id = CommandMessages.IdOf(command);
            var copies = results[id];
            var (key, envelope) = copies[0];
            Assert.Single(copies.Select(c => c.Envelope.Id).Distinct());
            Assert.Equal(DeterministicId.Create($"{id}:result").ToString(), envelope.Id);
            Assert.Equal((command.OrderId.ToString(), command.OrderId.ToString(), "urn:edaaspire:fulfillment"), (key, envelope.CorrelationId, envelope.Source));
            Assert.Equal(ExpectedType(command, DeterministicOutcome.For(id, rates).FailsPermanently), envelope.Type);
            Assert.Equal(traces[id].TraceId, envelope.Trace.TraceId); // one trace from the saga's send to the result
        }

        // The first delivery's span is a child of the sender's span, tagged after the messaging conventions.
        var firstDeliveries = _probe.ProcessSpans
            .Where(s => s.GetTagItem("messaging.servicebus.message.delivery_count") is 1)
            .ToDictionary(s => (string)s.GetTagItem("messaging.message.id")!);
        foreach (var command in commands)
        {
            var span = firstDeliveries[CommandMessages.IdOf(command)];
            Assert.Equal((ActivityKind.Consumer, "process fulfillment"), (span.Kind, span.DisplayName));
            Assert.Equal(traces[CommandMessages.IdOf(command)].SpanId, span.ParentSpanId);
            Assert.Equal("sqlite_queue", span.GetTagItem("messaging.system"));
            Assert.Equal("fulfillment", span.GetTagItem("messaging.destination.name"));
        }

        var sent = deadLetters.Keys.Concat(handled.Select(CommandMessages.IdOf)).ToHashSet();
        Assert.Equal(handled.Count, _probe.Outcomes(FulfillmentOutcomes.Succeeded, sent) + _probe.Outcomes(FulfillmentOutcomes.Failed, sent));
        Assert.Equal(poisoned.Count + 3, _probe.Outcomes(FulfillmentOutcomes.DeadLettered, sent));
        Assert.True(_probe.Outcomes(FulfillmentOutcomes.Transient, sent) > 0, "no transient failure was retried");
        Assert.True(_probe.Outcomes(FulfillmentOutcomes.Failed, sent) > 0, "no step failed permanently");
        Assert.All(
            new[] { FulfillmentOutcomes.Succeeded, FulfillmentOutcomes.Failed, FulfillmentOutcomes.Transient, FulfillmentOutcomes.DeadLettered },
            outcome => Assert.True(_probe.MeteredOutcomes(outcome) >= _probe.Outcomes(outcome, sent), $"the {outcome} counter missed deliveries"));
        Assert.Equal(new QueueCounts(0, 0, poisoned.Count + 3, 0), await queue.GetCountsAsync());
        await host.StopAsync();
    }

    [Fact]
    public async Task A_command_delivered_twice_publishes_the_very_same_event_twice()
    {
        var settings = FulfillmentHost.Settings(permanentFailureRate: 0.5);
        // Off, so the second send is a second delivery of the same command, as a redelivery would be.
        settings["WorkQueues:fulfillment:DuplicateDetectionWindow"] = "00:00:00";
        using var host = await StartAsync(settings);
        var queue = QueueOf(host);
        var commands = CommandMessages.Mixed(20, "twice");

        await SendAndDrainAsync(queue, commands);
        await SendAndDrainAsync(queue, commands);

        var results = FulfillmentProbe.ResultEvents(_kafka.BootstrapServers);
        Assert.Equal(40, results.Count);
        foreach (var copies in results.GroupBy(r => r.Envelope.CausationId))
        {
            Assert.Equal(2, copies.Count());
            Assert.Single(copies.Select(c => c.Envelope.Id).Distinct());
            Assert.Single(copies.Select(c => Convert.ToBase64String(c.Envelope.Data.Span)).Distinct()); // same payment, reservation, carrier
        }
    }

    [Fact]
    public async Task Lowering_the_poison_rate_at_runtime_lets_resubmitted_dead_letters_through()
    {
        using var host = await StartAsync(FulfillmentHost.Settings(poisonRate: 1));
        var queue = QueueOf(host);
        var commands = CommandMessages.Mixed(10, "reload");
        var poisonable = commands.Count(DeterministicOutcome.CanBePoisoned);
        Assert.InRange(poisonable, 1, 9);
        await SendAndDrainAsync(queue, commands, deadLetters: poisonable);

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        foreach (var simulator in FulfillmentExtensions.SimulatorNames)
        {
            configuration[$"Fulfillment:{simulator}:PoisonRate"] = "0";
        }

        configuration.Reload();
        foreach (var deadLetter in await FulfillmentProbe.DeadLettersAsync(queue))
        {
            Assert.True(await queue.ResubmitDeadLetterAsync(deadLetter.SequenceNumber));
        }

        await FulfillmentProbe.WaitUntilDrainedAsync(queue, 0, Drain);
        Assert.Equal(10, FulfillmentProbe.ResultEvents(_kafka.BootstrapServers).Count);
    }

    [Fact]
    public async Task A_compensation_failing_past_the_delivery_limit_is_retried_until_it_succeeds_while_a_step_is_dead_lettered()
    {
        // Every call fails for now, and the queue gives up after two deliveries.
        using var host = await StartAsync(FulfillmentHost.Settings(transientFailureRate: 1, maxDeliveryCount: 2));
        var queue = QueueOf(host);
        var commands = CommandMessages.Mixed(10, "stubborn");
        var compensations = commands.OfType<ICompensation>().Select(CommandMessages.IdOf).ToHashSet();
        var steps = commands.Where(c => c is not ICompensation).Select(CommandMessages.IdOf).ToHashSet();
        await queue.SendAsync([.. commands.Select(c => CommandMessages.For(c))]);

        // Each compensation goes on failing well past the limit, one message per attempt.
        await FulfillmentProbe.WaitUntilAsync(() =>
        {
            var attempts = _probe.ProcessSpans
                .Select(FulfillmentProbe.CommandIdOf)
                .Where(compensations.Contains)
                .GroupBy(id => id)
                .ToDictionary(g => g.Key, g => g.Count());
            return Task.FromResult(attempts.Count == compensations.Count && attempts.Values.All(n => n >= 5));
        }, Drain);
        await FulfillmentProbe.WaitUntilAsync(async () => (await queue.GetCountsAsync()).DeadLettered == steps.Count, Drain);
        var duringOutage = await FulfillmentProbe.DeadLettersAsync(queue);
        Assert.Equal(steps.Order(), duringOutage.Select(d => d.MessageId).Order());
        Assert.All(duringOutage, d => Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, d.DeadLetterReason));

        // The downstream systems recover: every compensation gets through, exactly one result each, the original's.
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        foreach (var simulator in FulfillmentExtensions.SimulatorNames)
        {
            configuration[$"Fulfillment:{simulator}:TransientFailureRate"] = "0";
        }

        configuration.Reload();
        await FulfillmentProbe.WaitUntilDrainedAsync(queue, steps.Count, Drain);
        var results = FulfillmentProbe.ResultEvents(_kafka.BootstrapServers);
        Assert.Equal(compensations.Order(), results.Select(r => r.Envelope.CausationId!).Order());
        Assert.All(results, r => Assert.Equal(DeterministicId.Create($"{r.Envelope.CausationId}:result").ToString(), r.Envelope.Id));
        Assert.Equal(steps.Order(), (await FulfillmentProbe.DeadLettersAsync(queue)).Select(d => d.MessageId).Order());
    }

    private static string ExpectedType(IFulfillmentCommand command, bool failsPermanently) => (command, failsPermanently) switch
    {
        (AuthorizePayment, false) => "shop.order.payment_authorized.v1",
        (AuthorizePayment, true) => "shop.order.payment_declined.v1",
        (ReserveStock, false) => "shop.order.stock_reserved.v1",
        (ReserveStock, true) => "shop.order.stock_unavailable.v1",
        (ScheduleShipment, false) => "shop.order.shipment_scheduled.v1",
        (ScheduleShipment, true) => "shop.order.shipment_failed.v1",
        // Compensations never fail permanently.
        (RefundPayment, _) => "shop.order.payment_refunded.v1",
        (ReleaseStock, _) => "shop.order.stock_released.v1",
        _ => throw new ArgumentException($"Unexpected command {command}.", nameof(command)),
    };

    public void Dispose()
    {
        _probe.Dispose();
        _kafka.Dispose();
        _messaging.Dispose();
    }
}
