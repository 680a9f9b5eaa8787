using System.Globalization;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.ReadModels;
using Microsoft.Data.Sqlite;

namespace EdaAspire.Workload;

/// <summary>
/// The clickstream read-model rows written the raw way: the same fold as the projection (each row once per batch:
/// page views per minute, event-type counts, product stats, sessions, the batch's checkpoints), as prepared
/// <c>INSERT … ON CONFLICT DO UPDATE</c> statements rebound per row, one transaction per batch, on the tables the
/// EF model creates. What it leaves out is the projection's overhead: Kafka, the envelope, EF Core.
/// </summary>
public sealed class ClickstreamUpserts
{
    public const int Partitions = 12;
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";
    private readonly SqliteConnection _connection;
    private readonly long[] _offsets = new long[Partitions];
    private readonly SqliteCommand[] _all;

    private readonly SqliteCommand _checkpoint;
    private readonly SqliteCommand _pageViews;
    private readonly SqliteCommand _eventType;
    private readonly SqliteCommand _product;
    private readonly SqliteCommand _session;

    /// <param name="connection">An open connection to a database with the read-model schema.</param>
    public ClickstreamUpserts(SqliteConnection connection)
    {
        _connection = connection;
        _checkpoint = Prepare("""
            INSERT INTO ProjectionCheckpoints (Projection, Topic, Partition, NextOffset) VALUES ('clickstream', 'clickstream', $p, $next)
            ON CONFLICT (Projection, Topic, Partition) DO UPDATE SET NextOffset = excluded.NextOffset
            """, "$p", "$next");
        _pageViews = Prepare("""
            INSERT INTO PageViewsPerMinute (Minute, Views) VALUES ($minute, $n)
            ON CONFLICT (Minute) DO UPDATE SET Views = Views + excluded.Views
            """, "$minute", "$n");
        _eventType = Prepare("""
            INSERT INTO EventTypeCounts (Type, Count) VALUES ($type, $n)
            ON CONFLICT (Type) DO UPDATE SET Count = Count + excluded.Count
            """, "$type", "$n");
        _product = Prepare("""
            INSERT INTO ProductStats (ProductId, Views, AddedToCart, RemovedFromCart, Purchased) VALUES ($id, $views, $added, $removed, 0)
            ON CONFLICT (ProductId) DO UPDATE SET Views = Views + excluded.Views, AddedToCart = AddedToCart + excluded.AddedToCart,
                RemovedFromCart = RemovedFromCart + excluded.RemovedFromCart
            """, "$id", "$views", "$added", "$removed");
        _session = Prepare("""
            INSERT INTO Sessions (SessionId, UserId, FirstSeen, LastSeen, EventCount) VALUES ($id, $user, $first, $last, $n)
            ON CONFLICT (SessionId) DO UPDATE SET UserId = COALESCE(excluded.UserId, UserId), FirstSeen = MIN(FirstSeen, excluded.FirstSeen),
                LastSeen = MAX(LastSeen, excluded.LastSeen), EventCount = EventCount + excluded.EventCount
            """, "$id", "$user", "$first", "$last", "$n");
        _all = [_checkpoint, _pageViews, _eventType, _product, _session];
    }

    public async Task WriteAsync(IReadOnlyList<ClickEvent> batch, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }

        // The partition a session's events land in, as Kafka's key hashing would spread them.
        foreach (var partition in batch.GroupBy(e => (e.SessionId.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % Partitions))
        {
            _offsets[partition.Key] += partition.Count();
            await Run(_checkpoint, cancellationToken, partition.Key, _offsets[partition.Key]);
        }

        foreach (var minute in batch.Where(e => e.Type == ClickEventTypes.PageViewed).GroupBy(e => TimeBuckets.MinuteOf(e.Timestamp.UtcDateTime)))
        {
            await Run(_pageViews, cancellationToken, Text(minute.Key), minute.Count());
        }

        foreach (var type in batch.GroupBy(e => e.Type, StringComparer.Ordinal))
        {
            await Run(_eventType, cancellationToken, type.Key, type.Count());
        }

        foreach (var product in batch.Where(e => e.ProductId is not null && ClickEventTypes.ProductScoped.Contains(e.Type)).GroupBy(e => e.ProductId!, StringComparer.Ordinal))
        {
            await Run(_product, cancellationToken,
                product.Key,
                product.Count(e => e.Type == ClickEventTypes.ProductViewed),
                product.Count(e => e.Type == ClickEventTypes.AddedToCart),
                product.Count(e => e.Type == ClickEventTypes.RemovedFromCart));
        }

        foreach (var session in batch.GroupBy(e => e.SessionId, StringComparer.Ordinal))
        {
            await Run(_session, cancellationToken,
                session.Key,
                session.Select(e => e.UserId).LastOrDefault(u => u is not null),
                Text(session.Min(e => e.Timestamp.UtcDateTime)),
                Text(session.Max(e => e.Timestamp.UtcDateTime)),
                session.Count());
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Text(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static Task<int> Run(SqliteCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
