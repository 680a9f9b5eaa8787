using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Persistence;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.ReadModels;
using EdaAspire.ReadModels.Clickstream;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Projections.Worker.Clickstream;

/// <summary>
/// Folds clickstream batches into page views per minute, product stats and sessions. The rows and the
/// batch's checkpoints commit in one transaction: a batch counts once or not at all.
/// Counters are incremented in SQL, never read-modify-written, because other workers update the same
/// minute and product rows from other partitions.
/// </summary>
public sealed class ClickstreamProjection(ReadModelsDbContext db, SqlCheckpoints<ReadModelsDbContext> checkpoints, ILogger<ClickstreamProjection> logger) : IBatchHandler
{
    public const string Name = "clickstream";

    public async Task HandleAsync(string subscription, ConsumedBatch batch, CancellationToken cancellationToken)
    {
        var changes = ClickstreamChanges.From(batch.Events);
        if (changes.Skipped > 0)
        {
            logger.LogWarning("Skipped {Count} clickstream events of unknown types", changes.Skipped);
            MessagingTelemetry.SkippedMessages.Add(changes.Skipped, MessagingTelemetry.Tags("process", Topics.Clickstream, Extensions.ConsumerGroup, "unknown_type"));
        }

        await checkpoints.CommitBatchAsync(subscription, batch, ct => ApplyAsync(changes, ct), cancellationToken);
        ProjectionTelemetry.RecordApplied(Name, batch.Events.Where(e => ClickEventTypes.FromCloudEventType(e.Envelope.Type) is not null), DateTimeOffset.UtcNow);
    }

    private async Task ApplyAsync(ClickstreamChanges changes, CancellationToken ct)
    {
        foreach (var (minute, views) in changes.PageViewsPerMinute)
        {
            await db.PageViewsPerMinute.IncrementOrAddAsync(
                p => p.Minute == minute,
                s => s.SetProperty(p => p.Views, p => p.Views + views),
                () => new PageViewsPerMinute { Minute = minute, Views = views },
                ct);
        }

        foreach (var (type, count) in changes.EventTypes)
        {
            await db.EventTypeCounts.IncrementOrAddAsync(
                t => t.Type == type,
                s => s.SetProperty(t => t.Count, t => t.Count + count),
                () => new EventTypeCount { Type = type, Count = count },
                ct);
        }

        foreach (var (productId, delta) in changes.Products)
        {
            await db.ProductStats.IncrementOrAddAsync(
                p => p.ProductId == productId,
                s => s
                    .SetProperty(p => p.Views, p => p.Views + delta.Views)
                    .SetProperty(p => p.AddedToCart, p => p.AddedToCart + delta.AddedToCart)
                    .SetProperty(p => p.RemovedFromCart, p => p.RemovedFromCart + delta.RemovedFromCart),
                () => new ProductStats
                {
                    ProductId = productId,
                    Views = delta.Views,
                    AddedToCart = delta.AddedToCart,
                    RemovedFromCart = delta.RemovedFromCart,
                },
                ct);
        }

        foreach (var (sessionId, delta) in changes.Sessions)
        {
            await db.Sessions.IncrementOrAddAsync(
                x => x.SessionId == sessionId,
                s => s
                    .SetProperty(x => x.UserId, x => delta.UserId ?? x.UserId)
                    .SetProperty(x => x.FirstSeen, x => x.FirstSeen < delta.FirstSeen ? x.FirstSeen : delta.FirstSeen)
                    .SetProperty(x => x.LastSeen, x => x.LastSeen > delta.LastSeen ? x.LastSeen : delta.LastSeen)
                    .SetProperty(x => x.EventCount, x => x.EventCount + delta.Events),
                () => new SessionActivity
                {
                    SessionId = sessionId,
                    UserId = delta.UserId,
                    FirstSeen = delta.FirstSeen,
                    LastSeen = delta.LastSeen,
                    EventCount = delta.Events,
                },
                ct);
        }
    }
}
