using System.Diagnostics;
using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// Hands a batch to the subscription's handler and moves the checkpoints the guard knows: retried with backoff; a batch
/// that keeps failing is taken apart (<see cref="PoisonIsolation"/>) and a record that fails alone for a reason of its
/// own is parked in its <see cref="DeadLetterTopic"/>. A checkpoint conflict ends the batch: the caller re-reads.
/// </summary>
internal sealed class BatchDelivery
{
    private readonly KafkaSubscriptionOptions _options;
    private readonly IServiceScopeFactory _scopes;
    private readonly Func<IServiceProvider, IBatchHandler> _handler;
    private readonly CheckpointGuard _guard;
    private readonly DeadLetterTopic _deadLetters;
    private readonly MessagingTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _limited;
    private readonly ResiliencePipeline _unlimited;

    public BatchDelivery(
        KafkaSubscriptionOptions options,
        IServiceScopeFactory scopes,
        Func<IServiceProvider, IBatchHandler> handler,
        CheckpointGuard guard,
        DeadLetterTopic deadLetters,
        MessagingTelemetry telemetry,
        TimeProvider time,
        ILogger logger)
    {
        (_options, _scopes, _handler, _guard, _deadLetters, _telemetry, _logger) = (options, scopes, handler, guard, deadLetters, telemetry, logger);
        _limited = SubscriptionRetry.Create(options.MaxAttempts, options.MaxRetryDelay, time, Retries, OnRetry);
        _unlimited = SubscriptionRetry.Create(int.MaxValue, options.MaxRetryDelay, time, Retries, OnRetry);
    }

    /// <summary>Whether the batch's partitions must be re-read from their stored checkpoints.</summary>
    public async Task<bool> DeliverAsync(ConsumedBatch batch, Action<IReadOnlyList<PartitionRange>> stored, CancellationToken stoppingToken)
    {
        var outcome = await TryAsync(batch, _limited, stored, stoppingToken);
        if (outcome is not Outcome.GaveUp)
        {
            return outcome is Outcome.Conflict;
        }

        // The batch keeps failing: handle its records one at a time, so the one at fault can be found and parked.
        foreach (var consumed in PoisonIsolation.OneByOne(batch))
        {
            if (await DeliverAloneAsync(consumed, stored, stoppingToken) is Outcome.Conflict)
            {
                return true;
            }
        }

        return PoisonIsolation.Remainder(batch, _guard.CheckpointOf) is { } rest
            && await TryAsync(rest, _unlimited, stored, stoppingToken) is Outcome.Conflict;
    }

    private async Task<Outcome> DeliverAloneAsync(ConsumedEvent consumed, Action<IReadOnlyList<PartitionRange>> stored, CancellationToken stoppingToken)
    {
        var partition = consumed.Position.TopicPartition;
        var single = PoisonIsolation.Alone(consumed, _guard.CheckpointOf(partition));
        while (true)
        {
            var outcome = await TryAsync(single, _limited, stored, stoppingToken);
            if (outcome is not Outcome.GaveUp { Error: var error })
            {
                return outcome;
            }

            if (!PoisonIsolation.ShouldPark(error))
            {
                continue; // the world's fault, not the record's: keep trying, with backoff
            }

            _logger.LogError(error, "Subscription {Subscription} parks {Position} (event {EventId}) in {Topic} after {Attempts} attempts",
                _options.Name, consumed.Position, consumed.Envelope.Id, DeadLetterTopic.For(partition.Topic), _options.MaxAttempts);
            await _deadLetters.ParkAsync(consumed, _options.GroupId, error, stoppingToken);
            _telemetry.DeadLetteredMessages.Add(1, MessagingTelemetry.Tags("process", partition.Topic, _options.GroupId, error.GetType().Name));
            return await TryAsync(PoisonIsolation.PastParked(single), _unlimited, stored, stoppingToken);
        }
    }

    private async Task<Outcome> TryAsync(ConsumedBatch batch, ResiliencePipeline retry, Action<IReadOnlyList<PartitionRange>> stored, CancellationToken stoppingToken)
    {
        try
        {
            await retry.ExecuteAsync(ct => new ValueTask(AttemptAsync(batch, ct)), stoppingToken);
            _guard.Stored(batch.Ranges);
            stored(batch.Ranges);
            return new Outcome.Handled();
        }
        catch (CheckpointConflictException ex)
        {
            _logger.LogWarning("Subscription {Subscription}: {Conflict} Re-reading from the stored checkpoints.", _options.Name, ex.Message);
            return new Outcome.Conflict();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            return new Outcome.GaveUp(ex);
        }
    }

    private async Task AttemptAsync(ConsumedBatch batch, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var spans = BatchProcessSpans.Start(batch, _options.GroupId);
        try
        {
            await using (var scope = _scopes.CreateAsyncScope())
            {
                await _handler(scope.ServiceProvider).HandleAsync(_options.Name, batch, stoppingToken);
            }

            Record(batch, started, errorType: null);
        }
        catch (CheckpointConflictException ex)
        {
            spans.Fail(ex.Message);
            throw;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            spans.Fail(ex.Message);
            Record(batch, started, ex.GetType().Name);
            throw;
        }
    }

    private static bool Retries(Exception error) => error is not CheckpointConflictException;

    private void OnRetry(Exception error, int attempt, TimeSpan delay) =>
        _logger.LogError(error, "Subscription {Subscription} failed to handle a batch (attempt {Attempt}); retrying in {Delay}", _options.Name, attempt, delay);

    private void Record(ConsumedBatch batch, long started, string? errorType)
    {
        var tags = MessagingTelemetry.Tags("process", batch.Ranges[0].Partition.Topic, _options.GroupId, errorType);
        _telemetry.ProcessDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        (errorType is null ? _telemetry.ConsumedMessages : _telemetry.FailedMessages).Add(batch.Events.Count, tags);
    }

    private abstract record Outcome
    {
        public sealed record Handled : Outcome;

        public sealed record Conflict : Outcome;

        public sealed record GaveUp(Exception Error) : Outcome;
    }
}
