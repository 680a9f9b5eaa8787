using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Persistence;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.ReadModels;

namespace EdaAspire.Projections.Worker.Clickstream;

/// <summary>
/// Folds clickstream batches into page views per minute, product stats and sessions. The rows and the
/// batch's checkpoints commit in one transaction (<see cref="ITransactionalHandler{T}"/>): a batch counts once or not at all.
/// Counters are incremented in SQL, one set-based upsert per table (<see cref="ClickstreamSql"/>), never
/// read-modify-written, because other workers update the same minute and product rows from other partitions.
/// </summary>
public sealed class ClickstreamProjection(ReadModelsDbContext db, ProjectionTelemetry telemetry) : ITransactionalHandler<ClickEvent>
{
    public const string Name = "clickstream";

    /// <summary>A click of a type and version this projection knows; null for any other (skipped and counted by the pipeline).</summary>
    public static ClickEvent? Read(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return ClickEventTypes.FromCloudEventType(envelope.Type) is null ? null : envelope.Unwrap(ContractsJsonContext.Default.ClickEvent);
    }

    public Task ApplyAsync(MessageBatch<ClickEvent> fresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        return ApplyAsync(ClickstreamChanges.From(fresh.Messages.Select(k => k.Message)), cancellationToken);
    }

    public void Committed(MessageBatch<ClickEvent> applied) =>
        telemetry.RecordApplied(Name, applied.Messages.Select(k => k.Consumed), DateTimeOffset.UtcNow);

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
