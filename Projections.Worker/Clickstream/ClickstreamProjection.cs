using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Persistence;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.ReadModels;

namespace EdaAspire.Projections.Worker.Clickstream;

/// <summary>
/// Folds clickstream batches into page views per minute, product stats and sessions. The rows and the
/// batch's checkpoints commit in one transaction: a batch counts once or not at all.
/// Counters are incremented in SQL, one set-based upsert per table (<see cref="ClickstreamSql"/>), never
/// read-modify-written, because other workers update the same minute and product rows from other partitions.
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
        var dialect = SqlDialects.Of(db.Database);
        var sql = ClickstreamSql.For(dialect);
        var rows = ProjectionRowsJson.Default;
        await db.Database.ExecuteWithJsonRowsAsync(sql.PageViews,
            [.. changes.PageViewsPerMinute.Select(r => new PageViewsRow(dialect.Time(r.Key), r.Value))], rows.PageViewsRow, ct);
        await db.Database.ExecuteWithJsonRowsAsync(sql.EventTypes,
            [.. changes.EventTypes.Select(r => new EventTypeCountRow(r.Key, r.Value))], rows.EventTypeCountRow, ct);
        await db.Database.ExecuteWithJsonRowsAsync(sql.Products,
            [.. changes.Products.Select(r => new ProductActivityRow(r.Key, r.Value.Views, r.Value.AddedToCart, r.Value.RemovedFromCart))],
            rows.ProductActivityRow, ct);
        await db.Database.ExecuteWithJsonRowsAsync(sql.Sessions,
            [.. changes.Sessions.Select(r => new SessionRow(r.Key, r.Value.UserId, dialect.Time(r.Value.FirstSeen), dialect.Time(r.Value.LastSeen), r.Value.Events))],
            rows.SessionRow, ct);
    }
}
