using EdaAspire.Contracts;
using EdaAspire.Contracts.Catalog;
using EdaAspire.WorkQueue;
using Microsoft.Extensions.Options;

namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>
/// Takes a sample every <see cref="OverviewOptions.SampleInterval"/> into <see cref="OverviewHistory"/>, which pushes it
/// to open pages. One sampler per dashboard process, however many pages are open. Polling is the only way here: offsets,
/// queue depth and health publish no events.
/// </summary>
public sealed class OverviewSampler(
    OverviewHistory history,
    KafkaOffsets offsets,
    SagaOutbox outbox,
    ServiceAnswers answers,
    HealthProbe health,
    IServiceProvider services,
    IOptions<OverviewOptions> options,
    TimeProvider time,
    ILogger<OverviewSampler> logger) : BackgroundService
{
    private static readonly string[] LoggedTopics = [Topics.Clickstream, Topics.Orders];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval, time);
        do
        {
            try
            {
                history.Add(await SampleAsync(stoppingToken));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Taking an overview sample failed; trying again in {Interval}", options.Value.SampleInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<OverviewSample> SampleAsync(CancellationToken cancellationToken)
    {
        // The Kafka client calls block: off the timer's thread, all in one go.
        var lag = await Task.Run(() => KafkaLag(), cancellationToken);
        var backlog = await Try(() => outbox.BacklogAsync(cancellationToken), "the outbox backlog");
        var queue = await Try(() => QueueCountsAsync(cancellationToken), "the queue counts");
        var admission = await Try(() => answers.AskAsync("ingestion", "/api/admission", ContractsJsonContext.Default.AdmissionStatus, cancellationToken), "ingestion's admission state");
        var capture = await Try(() => answers.AskAsync("catalog-cdc", "/api/capture", CatalogJsonContext.Default.CaptureStatus, cancellationToken), "the connector's lag");
        var groups = GroupLag.From(lag);
        var entries = await health.CheckAsync(backlog is not null, [.. history.Samples.Select(s => s.Lag), groups], cancellationToken);

        var projecting = options.Value.Groups.Where(g => g.Projects).Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var logEnd = lag.Where(p => LoggedTopics.Contains(p.Topic)).DistinctBy(p => (p.Topic, p.Partition)).Sum(p => p.LogEnd);
        var projected = lag.Where(p => projecting.Contains(p.Group)).Sum(p => p.Committed ?? p.LogStart);
        return new OverviewSample(time.GetUtcNow(), logEnd, projected, 0, 0, groups, backlog, queue, entries, admission, capture);
    }

    private List<PartitionLag> KafkaLag()
    {
        try
        {
            return [.. offsets.Lag(offsets.Partitions())];
        }
        catch (Confluent.Kafka.KafkaException ex)
        {
            logger.LogDebug(ex, "Reading Kafka offsets failed");
            return [];
        }
    }

    private async Task<QueueCounts?> QueueCountsAsync(CancellationToken cancellationToken) =>
        services.GetService<IWorkQueue>() is { } queue ? await queue.GetCountsAsync(cancellationToken) : null;

    /// <returns>The value, or null (default) when that source cannot be read now: the rest of the sample still counts.</returns>
    private async Task<T> Try<T>(Func<Task<T>> read, string what)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Reading {What} failed", what);
            return default!;
        }
    }
}
