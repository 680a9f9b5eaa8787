extern alias ingestion;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Persistence;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.Projections.Worker.Clickstream;
using EdaAspire.ReadModels;
using EdaAspire.ReadModels.Clickstream;
using ingestion::EdaAspire.Ingestion.Api.Clickstream;
using System.Diagnostics.Metrics;
using EdaAspire.Projections.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.IntegrationTests.Clickstream;

/// <summary>
/// The clickstream projection's set-based upserts on a real SQLite file: batches add to rows that earlier batches
/// and other writers (EF itself, the orders projection's purchases) left, with the merge rules of each column.
/// </summary>
public sealed class ClickstreamProjectionTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ReadModelsProbe _readModels;
    private long _nextOffset;

    public ClickstreamProjectionTests() => _readModels = new ReadModelsProbe(_database.ConnectionString);

    [Fact]
    public async Task Batches_add_to_the_rows_that_are_there_and_keep_each_columns_rule()
    {
        await using (var db = _readModels.Open())
        {
            await db.EnsureSchemaAsync();
            // Rows another writer made through EF: the keys must match what the upserts write (times as text in SQLite).
            db.ProductStats.Add(new ProductStats { ProductId = "p-1", Views = 10, Purchased = 3 });
            db.PageViewsPerMinute.Add(new PageViewsPerMinute { Minute = Noon.UtcDateTime, Views = 5 });
            db.Sessions.Add(new SessionActivity { SessionId = "s-1", UserId = "u-old", FirstSeen = Noon.AddSeconds(30).UtcDateTime, LastSeen = Noon.AddSeconds(40).UtcDateTime, EventCount = 2 });
            await db.SaveChangesAsync();
        }

        await ApplyAsync(
            Click(ClickEventTypes.PageViewed, "s-1", null, null, Noon.AddSeconds(10.25)),
            Click(ClickEventTypes.ProductViewed, "s-1", null, "p-1", Noon.AddSeconds(20)),
            Click(ClickEventTypes.AddedToCart, "s-2", "u-2", "p-2", Noon.AddMinutes(1)));
        await ApplyAsync(
            Click(ClickEventTypes.PageViewed, "s-1", "u-new", null, Noon.AddSeconds(50)),
            Click(ClickEventTypes.RemovedFromCart, "s-2", null, "p-2", Noon.AddMinutes(2)));

        await using var read = _readModels.Open();
        var products = await read.ProductStats.AsNoTracking().OrderBy(p => p.ProductId).ToListAsync();
        Assert.Equal(
            [("p-1", 11L, 0L, 0L, 3L), ("p-2", 0L, 1L, 1L, 0L)],
            products.Select(p => (p.ProductId, p.Views, p.AddedToCart, p.RemovedFromCart, p.Purchased)));

        var minutes = await read.PageViewsPerMinute.AsNoTracking().ToDictionaryAsync(p => p.Minute, p => p.Views);
        Assert.Equal(new Dictionary<DateTime, long> { [Noon.UtcDateTime] = 7 }, minutes);

        var s1 = await read.Sessions.AsNoTracking().SingleAsync(s => s.SessionId == "s-1");
        Assert.Equal(("u-new", Noon.AddSeconds(10.25).UtcDateTime, Noon.AddSeconds(50).UtcDateTime, 5L), (s1.UserId, s1.FirstSeen, s1.LastSeen, s1.EventCount));
        var s2 = await read.Sessions.AsNoTracking().SingleAsync(s => s.SessionId == "s-2");
        Assert.Equal(("u-2", Noon.AddMinutes(1).UtcDateTime, Noon.AddMinutes(2).UtcDateTime, 2L), (s2.UserId, s2.FirstSeen, s2.LastSeen, s2.EventCount));

        var types = await read.EventTypeCounts.AsNoTracking().ToDictionaryAsync(t => t.Type, t => t.Count);
        Assert.Equal(2, types[ClickEventTypes.PageViewed]);
        Assert.Equal(5, types.Values.Sum());
    }

    [Fact]
    public async Task A_batch_whose_checkpoint_moved_writes_no_row()
    {
        await using (var db = _readModels.Open())
        {
            await db.EnsureSchemaAsync();
        }

        await ApplyAsync(Click(ClickEventTypes.PageViewed, "s-1", null, null, Noon)); // creates the checkpoint
        _nextOffset = 0; // the same first range again: another worker created the checkpoint first
        await Assert.ThrowsAsync<CheckpointConflictException>(() => ApplyAsync(Click(ClickEventTypes.PageViewed, "s-8", null, null, Noon)));
        _nextOffset = 1;
        await ApplyAsync(Click(ClickEventTypes.PageViewed, "s-2", null, null, Noon)); // moves it 1 -> 2
        _nextOffset = 1; // from 1 again: another worker moved it first
        await Assert.ThrowsAsync<CheckpointConflictException>(() => ApplyAsync(Click(ClickEventTypes.PageViewed, "s-9", null, null, Noon)));

        await using var read = _readModels.Open();
        Assert.Equal(["s-1", "s-2"], await read.Sessions.OrderBy(s => s.SessionId).Select(s => s.SessionId).ToListAsync());
        Assert.Equal(2, await read.PageViewsPerMinute.SumAsync(p => p.Views));
        Assert.Equal(2, await read.Checkpoints.Select(c => c.NextOffset).SingleAsync());
    }

    private static ClickEvent Click(string type, string session, string? user, string? product, DateTimeOffset at) =>
        new(type, session, user, product, null, "/", at);

    /// <summary>One batch on partition 0, continuing from the last, on a fresh context as the worker's scope gives it.</summary>
    private async Task ApplyAsync(params ClickEvent[] clicks)
    {
        var from = _nextOffset;
        var events = clicks
            .Select(c => new ConsumedEvent(new TopicPartitionOffset(Topics.Clickstream, 0, _nextOffset++), c.SessionId, ClickEnvelopes.Wrap(c)))
            .ToList();
        var range = new PartitionRange(new TopicPartition(Topics.Clickstream, 0), from == 0 ? null : from, _nextOffset);
        await using var db = _readModels.Open();
        var projection = new TransactionalHandlerStep<ClickstreamProjection, ReadModelsDbContext, ClickEvent>(
            new ClickstreamProjection(db, new ProjectionTelemetry(_services.GetRequiredService<IMeterFactory>())), new SqlCheckpoints<ReadModelsDbContext>(db), ClickstreamProjection.Read, "projections",
            new MessagingTelemetry(_services.GetRequiredService<IMeterFactory>()), NullLogger.Instance);
        await projection.HandleAsync(ClickstreamProjection.Name, new ConsumedBatch(events, [range]), CancellationToken.None);
    }

    public void Dispose()
    {
        _database.Dispose();
        _services.Dispose();
    }
}
