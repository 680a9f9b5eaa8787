using EdaAspire.ChangeCapture.Worker.ChangeRecord;
using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using EdaAspire.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace EdaAspire.ChangeCapture.Worker;

/// <summary>
/// The connector's loop: read the changes after the checkpoint, publish them in order (one idempotent producer, key =
/// product id, so each product's changes reach its partition in order), wait for the broker's acks, then move the
/// checkpoint. A crash before the checkpoint moves publishes the same changes again under the same ids (at least once;
/// consumers dedupe by id); nothing after the checkpoint is ever skipped.
/// </summary>
public sealed class ChangeCaptureConnector(
    IServiceScopeFactory scopes,
    EventPublisher publisher,
    CaptureProgress progress,
    TimeProvider clock,
    IOptions<ChangeCaptureOptions> options,
    ILogger<ChangeCaptureConnector> logger) : BackgroundService
{
    private int _emptyReads;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = await TryCaptureOnceAsync(stoppingToken);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the checkpoint holds what was published; the rest is read again at the next start.
        }
    }

    /// <returns>
    /// How long to wait before the next pass: none while a full batch suggests more is waiting, the poll interval after
    /// changes, doubling with each read that found none (<see cref="ChangeCaptureOptions.MaxPollInterval"/> at most).
    /// </returns>
    private async Task<TimeSpan> TryCaptureOnceAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            var published = await CaptureOnceAsync(stoppingToken);
            _emptyReads = published == 0 ? _emptyReads + 1 : 0;
            return published >= settings.BatchSize ? TimeSpan.Zero : ExponentialBackoff.Delay(_emptyReads, settings.PollInterval, settings.MaxPollInterval);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Capturing catalog changes failed; reading again from the checkpoint after {Delay}", settings.RetryDelay);
            return settings.RetryDelay;
        }
    }

    /// <returns>How many changes were published.</returns>
    public async Task<int> CaptureOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var position = scope.ServiceProvider.GetRequiredService<CapturePosition>();
        var from = await position.ReadAsync(cancellationToken);
        var changes = await scope.ServiceProvider.GetRequiredService<IChangeRecord>().ReadAfterAsync(from, options.Value.BatchSize, cancellationToken);
        if (changes.Count == 0)
        {
            return 0;
        }

        await publisher.PublishAsync(Topics.Catalog, [.. changes.SelectMany(ProductChangeEvents.Of)], cancellationToken);
        var to = changes[^1].Source.Version;
        if (!await position.AdvanceAsync(from, to, cancellationToken))
        {
            logger.LogWarning("The capture checkpoint moved from {From} while this connector published up to {To}: another connector runs", from, to);
        }

        progress.Record(changes.Count);
        return changes.Count;
    }
}
