using System.Diagnostics;
using System.Text.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.WorkQueue;
using Microsoft.Extensions.Options;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// Handles one delivery from queue <c>fulfillment</c>: reads the command, lets its simulator answer, publishes the
/// answer to topic <c>orders</c> and only then completes the message. Idempotent without shared state: everything a
/// redelivery could repeat (the outcome, the ids in the answer, the event's id) is a function of the command's id.
/// </summary>
public sealed class FulfillmentCommandHandler(
    IWorkQueue queue,
    string messagingSystem,
    IEnumerable<IFulfillmentSimulator> simulators,
    IOptionsMonitor<SimulatorOptions> simulatorOptions,
    IOptionsMonitor<FulfillmentOptions> options,
    EventPublisher publisher,
    FulfillmentTelemetry telemetry,
    TimeProvider time,
    ILogger<FulfillmentCommandHandler> logger)
{
    private readonly IReadOnlyList<IFulfillmentSimulator> _simulators = [.. simulators];

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = time.GetTimestamp();
        using var activity = FulfillmentTelemetry.StartProcess(message, messagingSystem, queue.Name);
        var commandType = FulfillmentTelemetry.UnknownCommandType;
        Settlement settlement;
        try
        {
            // The renewal stops before the settlement, so the two never race.
            await using (LockRenewal.Start(queue, message, time, logger))
            {
                (commandType, settlement) = await DecideAsync(message, activity, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the message back now rather than let it wait out its lock.
            settlement = new Settlement.Retry(TimeSpan.Zero, "Shutdown");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Handling message {MessageId} failed; it will be delivered again", message.MessageId);
            settlement = Retry(message, ex.GetType().Name);
        }

        var outcome = await SettleAsync(message, settlement);
        var errorType = outcome == FulfillmentOutcomes.LockLost ? nameof(MessageLockLostException) : settlement.ErrorType;
        telemetry.RecordHandled(activity, commandType, outcome, errorType, time.GetElapsedTime(started));
    }

    /// <returns>The command type (for the metrics) and how the delivery is to end.</returns>
    private async Task<(string CommandType, Settlement Settlement)> DecideAsync(
        ReceivedMessage message, Activity? activity, CancellationToken cancellationToken)
    {
        if (!QueueEnvelopeProperties.TryRead(message.ApplicationProperties, message.Body, out var envelope, out var problem))
        {
            return (FulfillmentTelemetry.UnknownCommandType, new Settlement.DeadLetter(
                PoisonReasons.MissingEnvelope, $"Message {message.MessageId} is not a CloudEvents message: {problem}."));
        }

        FulfillmentTelemetry.TagEnvelope(activity, envelope);
        IFulfillmentCommand? command;
        try
        {
            command = FulfillmentCommandCatalog.Instance.Read(envelope.Type, envelope.Data);
        }
        catch (JsonException ex)
        {
            return (envelope.Type, new Settlement.DeadLetter(
                PoisonReasons.MalformedBody, $"The body of {envelope.Id} is not a valid {envelope.Type}: {ex.Message}"));
        }

        if (command is null || _simulators.FirstOrDefault(s => s.Takes(command)) is not { } simulator)
        {
            return (FulfillmentTelemetry.UnknownCommandType, new Settlement.DeadLetter(
                PoisonReasons.UnknownCommandType, $"No fulfillment worker handles '{envelope.Type}' (message {envelope.Id})."));
        }

        // The envelope's id is the command's identity (the saga's deterministic id, the queue's message id too).
        var commandId = envelope.Id;
        var settings = simulatorOptions.Get(simulator.Name);
        var fate = DeterministicOutcome.For(commandId, settings);
        if (fate.IsPoison && DeterministicOutcome.CanBePoisoned(command))
        {
            return (envelope.Type, new Settlement.DeadLetter(
                PoisonReasons.SimulatedPoison, $"The {simulator.Name} simulator drew poison for {commandId} (rate {settings.PoisonRate})."));
        }

        await Task.Delay(settings.Latency, time, cancellationToken); // the call to the downstream system

        // Unlike the rest, drawn anew on every delivery: a transient failure is one that a retry gets past.
        if (Random.Shared.NextDouble() < settings.TransientFailureRate)
        {
            return (envelope.Type, await RetryAsync(message, command, envelope, "SimulatedTransientFailure", cancellationToken));
        }

        var answer = simulator.Answer(command, commandId, fate.FailsPermanently);
        try
        {
            await publisher.PublishAsync(Topics.Orders, ResultEvents.For(answer.Result, commandId, time.GetUtcNow()), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The event may be in the log already; the retry publishes it again under the same id.
            logger.LogWarning(ex, "Could not publish the result of {MessageId}; it will be retried", commandId);
            return (envelope.Type, await RetryAsync(message, command, envelope, "PublishFailed", cancellationToken));
        }

        return (envelope.Type, new Settlement.Complete(answer.Failed ? FulfillmentOutcomes.Failed : FulfillmentOutcomes.Succeeded));
    }

    private Settlement.Retry Retry(ReceivedMessage message, string reason) =>
        new(options.CurrentValue.RetryDelay(message.DeliveryCount), reason);

    /// <summary>A step is abandoned (the saga's deadline covers it if it keeps failing); a compensation is sent again.</summary>
    private async Task<Settlement> RetryAsync(
        ReceivedMessage message, IFulfillmentCommand command, EventEnvelope envelope, string reason, CancellationToken cancellationToken)
    {
        if (command is not ICompensation)
        {
            return Retry(message, reason);
        }

        var delay = options.CurrentValue.RetryDelay(CompensationRetry.AttemptOf(message));
        if (queue.SupportsScheduling)
        {
            return new Settlement.SendAgain(CompensationRetry.NextAttempt(message, envelope, time.GetUtcNow() + delay), reason);
        }

        // The broker cannot hold the copy back, so this delivery waits out the backoff itself, its lock renewed meanwhile.
        await Task.Delay(delay, time, cancellationToken);
        return new Settlement.SendAgain(CompensationRetry.NextAttempt(message, envelope, due: null), reason);
    }

    /// <returns>The outcome the delivery counts as.</returns>
    private async Task<string> SettleAsync(ReceivedMessage message, Settlement settlement)
    {
        // Not cancelled by shutdown: one short write, and skipping it would leave the message locked.
        try
        {
            await (settlement switch
            {
                Settlement.Complete => queue.CompleteAsync(message, CancellationToken.None),
                Settlement.Retry retry => queue.AbandonAsync(message, retry.Delay, CancellationToken.None),
                Settlement.SendAgain again => SendAgainAsync(message, again.Next),
                Settlement.DeadLetter deadLetter => DeadLetterAsync(message, deadLetter),
                _ => throw new UnreachableException($"Unknown settlement {settlement}."),
            });
            return settlement.Outcome;
        }
        catch (MessageLockLostException)
        {
            // Another worker holds the message now and reaches the same answer (same ids), so this delivery just stops.
            logger.LogWarning(
                "Lost the lock on message {MessageId} (delivery {DeliveryCount}) before settling it; another delivery takes over",
                message.MessageId, message.DeliveryCount);
            return FulfillmentOutcomes.LockLost;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not settle message {MessageId}; its lock runs out and it is delivered again", message.MessageId);
            return FulfillmentOutcomes.Transient;
        }
    }

    private async Task SendAgainAsync(ReceivedMessage message, QueueMessage next)
    {
        // The copy first: completing first and crashing would lose the compensation.
        await queue.SendAsync(next, CancellationToken.None);
        await queue.CompleteAsync(message, CancellationToken.None);
    }

    private Task DeadLetterAsync(ReceivedMessage message, Settlement.DeadLetter deadLetter)
    {
        logger.LogWarning("Dead-lettering message {MessageId}: {Reason}: {Description}", message.MessageId, deadLetter.Reason, deadLetter.Description);
        return queue.DeadLetterAsync(message, deadLetter.Reason, deadLetter.Description, CancellationToken.None);
    }
}
