using EdaAspire.Persistence;

namespace EdaAspire.Projections.Worker.Clickstream;

/// <summary>
/// One set-based upsert per clickstream table, in each database's dialect. Each statement takes the batch's rows
/// as one JSON array (<see cref="Persistence.JsonRows"/>) and adds them to what is stored in SQL, so workers that
/// write the same minute or product row from other partitions both count, and a row another worker inserted
/// first is updated instead of failing the batch. The rows are <see cref="PageViewsRow"/>, <see cref="EventTypeCountRow"/>,
/// <see cref="ProductActivityRow"/> and <see cref="SessionRow"/>, read by their property names.
/// </summary>
public sealed record ClickstreamSql(string PageViews, string EventTypes, string Products, string Sessions)
{
    public static ClickstreamSql For(SqlDialect dialect) => dialect == SqlDialect.SqlServer ? SqlServer : Sqlite;

    /// <summary>
    /// <c>INSERT … SELECT … ON CONFLICT</c> needs the <c>WHERE true</c> (SQLite's parsing rule for upserts from a
    /// SELECT). Times are text (<see cref="SqlDialects.Time"/>), so MIN/MAX compare them in time order.
    /// </summary>
    public static ClickstreamSql Sqlite { get; } = new(
        PageViews: """
            INSERT INTO PageViewsPerMinute (Minute, Views)
            SELECT json_extract(value, '$.Minute'), json_extract(value, '$.Views') FROM json_each({0}) WHERE true
            ON CONFLICT (Minute) DO UPDATE SET Views = Views + excluded.Views
            """,
        EventTypes: """
            INSERT INTO EventTypeCounts (Type, Count)
            SELECT json_extract(value, '$.Type'), json_extract(value, '$.Count') FROM json_each({0}) WHERE true
            ON CONFLICT (Type) DO UPDATE SET Count = Count + excluded.Count
            """,
        Products: """
            INSERT INTO ProductStats (ProductId, Views, AddedToCart, RemovedFromCart, Purchased)
            SELECT json_extract(value, '$.ProductId'), json_extract(value, '$.Views'), json_extract(value, '$.AddedToCart'), json_extract(value, '$.RemovedFromCart'), 0
            FROM json_each({0}) WHERE true
            ON CONFLICT (ProductId) DO UPDATE SET Views = Views + excluded.Views, AddedToCart = AddedToCart + excluded.AddedToCart,
                RemovedFromCart = RemovedFromCart + excluded.RemovedFromCart
            """,
        Sessions: """
            INSERT INTO Sessions (SessionId, UserId, FirstSeen, LastSeen, EventCount)
            SELECT json_extract(value, '$.SessionId'), json_extract(value, '$.UserId'), json_extract(value, '$.FirstSeen'), json_extract(value, '$.LastSeen'), json_extract(value, '$.EventCount')
            FROM json_each({0}) WHERE true
            ON CONFLICT (SessionId) DO UPDATE SET UserId = COALESCE(excluded.UserId, UserId), FirstSeen = MIN(FirstSeen, excluded.FirstSeen),
                LastSeen = MAX(LastSeen, excluded.LastSeen), EventCount = EventCount + excluded.EventCount
            """);

    /// <summary>
    /// <c>MERGE … WITH (HOLDLOCK)</c>: the key-range lock stops two workers from both inserting a new key. The source
    /// is grouped because keys that differ only in case are one row under SQL Server's default collation, and MERGE
    /// refuses to touch a row twice.
    /// </summary>
    public static ClickstreamSql SqlServer { get; } = new(
        PageViews: """
            MERGE PageViewsPerMinute WITH (HOLDLOCK) AS t
            USING (SELECT Minute, SUM(Views) AS Views FROM OPENJSON({0}) WITH (Minute datetime2 '$.Minute', Views bigint '$.Views') GROUP BY Minute) AS s
            ON t.Minute = s.Minute
            WHEN MATCHED THEN UPDATE SET Views = t.Views + s.Views
            WHEN NOT MATCHED THEN INSERT (Minute, Views) VALUES (s.Minute, s.Views);
            """,
        EventTypes: """
            MERGE EventTypeCounts WITH (HOLDLOCK) AS t
            USING (SELECT Type, SUM(Count) AS Count FROM OPENJSON({0}) WITH (Type nvarchar(64) '$.Type', Count bigint '$.Count') GROUP BY Type) AS s
            ON t.Type = s.Type
            WHEN MATCHED THEN UPDATE SET Count = t.Count + s.Count
            WHEN NOT MATCHED THEN INSERT (Type, Count) VALUES (s.Type, s.Count);
            """,
        Products: """
            MERGE ProductStats WITH (HOLDLOCK) AS t
            USING (SELECT ProductId, SUM(Views) AS Views, SUM(AddedToCart) AS AddedToCart, SUM(RemovedFromCart) AS RemovedFromCart
                FROM OPENJSON({0}) WITH (ProductId nvarchar(128) '$.ProductId', Views bigint '$.Views', AddedToCart bigint '$.AddedToCart', RemovedFromCart bigint '$.RemovedFromCart')
                GROUP BY ProductId) AS s
            ON t.ProductId = s.ProductId
            WHEN MATCHED THEN UPDATE SET Views = t.Views + s.Views, AddedToCart = t.AddedToCart + s.AddedToCart,
                RemovedFromCart = t.RemovedFromCart + s.RemovedFromCart
            WHEN NOT MATCHED THEN INSERT (ProductId, Views, AddedToCart, RemovedFromCart, Purchased)
                VALUES (s.ProductId, s.Views, s.AddedToCart, s.RemovedFromCart, 0);
            """,
        Sessions: """
            MERGE Sessions WITH (HOLDLOCK) AS t
            USING (SELECT SessionId, MAX(UserId) AS UserId, MIN(FirstSeen) AS FirstSeen, MAX(LastSeen) AS LastSeen, SUM(EventCount) AS EventCount
                FROM OPENJSON({0}) WITH (SessionId nvarchar(128) '$.SessionId', UserId nvarchar(128) '$.UserId', FirstSeen datetime2 '$.FirstSeen',
                    LastSeen datetime2 '$.LastSeen', EventCount bigint '$.EventCount')
                GROUP BY SessionId) AS s
            ON t.SessionId = s.SessionId
            WHEN MATCHED THEN UPDATE SET UserId = COALESCE(s.UserId, t.UserId), FirstSeen = IIF(s.FirstSeen < t.FirstSeen, s.FirstSeen, t.FirstSeen),
                LastSeen = IIF(s.LastSeen > t.LastSeen, s.LastSeen, t.LastSeen), EventCount = t.EventCount + s.EventCount
            WHEN NOT MATCHED THEN INSERT (SessionId, UserId, FirstSeen, LastSeen, EventCount)
                VALUES (s.SessionId, s.UserId, s.FirstSeen, s.LastSeen, s.EventCount);
            """);
}
