using EdaAspire.Persistence;

namespace EdaAspire.Projections.Worker.Orders;

/// <summary>
/// The set-based upserts of the counters the orders projection shares with other workers (customers, sales per
/// minute, units purchased per product), like <see cref="Clickstream.ClickstreamSql"/>: one statement per table, rows
/// in one JSON array, increments in SQL. Fields: <c>k</c> key; customers <c>p</c>/<c>c</c>/<c>x</c> placed/confirmed/
/// cancelled, <c>s</c> spent cents, <c>t</c> last order at; sales <c>n</c> orders, <c>r</c> revenue cents; purchases
/// <c>n</c> units.
/// </summary>
public sealed record OrderCountersSql(string Customers, string Sales, string Purchases)
{
    public static OrderCountersSql For(SqlDialect dialect) => dialect == SqlDialect.SqlServer ? SqlServer : Sqlite;

    public static OrderCountersSql Sqlite { get; } = new(
        Customers: """
            INSERT INTO Customers (CustomerId, Placed, Confirmed, Cancelled, SpentCents, LastOrderAt)
            SELECT json_extract(value, '$.k'), json_extract(value, '$.p'), json_extract(value, '$.c'), json_extract(value, '$.x'),
                json_extract(value, '$.s'), json_extract(value, '$.t')
            FROM json_each({0}) WHERE true
            ON CONFLICT (CustomerId) DO UPDATE SET Placed = Placed + excluded.Placed, Confirmed = Confirmed + excluded.Confirmed,
                Cancelled = Cancelled + excluded.Cancelled, SpentCents = SpentCents + excluded.SpentCents,
                LastOrderAt = MAX(LastOrderAt, excluded.LastOrderAt)
            """,
        Sales: """
            INSERT INTO SalesPerMinute (Minute, Orders, RevenueCents)
            SELECT json_extract(value, '$.k'), json_extract(value, '$.n'), json_extract(value, '$.r') FROM json_each({0}) WHERE true
            ON CONFLICT (Minute) DO UPDATE SET Orders = Orders + excluded.Orders, RevenueCents = RevenueCents + excluded.RevenueCents
            """,
        Purchases: """
            INSERT INTO ProductStats (ProductId, Views, AddedToCart, RemovedFromCart, Purchased)
            SELECT json_extract(value, '$.k'), 0, 0, 0, json_extract(value, '$.n') FROM json_each({0}) WHERE true
            ON CONFLICT (ProductId) DO UPDATE SET Purchased = Purchased + excluded.Purchased
            """);

    public static OrderCountersSql SqlServer { get; } = new(
        Customers: """
            MERGE Customers WITH (HOLDLOCK) AS t
            USING (SELECT CustomerId, SUM(Placed) AS Placed, SUM(Confirmed) AS Confirmed, SUM(Cancelled) AS Cancelled,
                    SUM(SpentCents) AS SpentCents, MAX(LastOrderAt) AS LastOrderAt
                FROM OPENJSON({0}) WITH (CustomerId nvarchar(128) '$.k', Placed bigint '$.p', Confirmed bigint '$.c', Cancelled bigint '$.x',
                    SpentCents bigint '$.s', LastOrderAt datetime2 '$.t')
                GROUP BY CustomerId) AS s
            ON t.CustomerId = s.CustomerId
            WHEN MATCHED THEN UPDATE SET Placed = t.Placed + s.Placed, Confirmed = t.Confirmed + s.Confirmed, Cancelled = t.Cancelled + s.Cancelled,
                SpentCents = t.SpentCents + s.SpentCents, LastOrderAt = IIF(s.LastOrderAt > t.LastOrderAt, s.LastOrderAt, t.LastOrderAt)
            WHEN NOT MATCHED THEN INSERT (CustomerId, Placed, Confirmed, Cancelled, SpentCents, LastOrderAt)
                VALUES (s.CustomerId, s.Placed, s.Confirmed, s.Cancelled, s.SpentCents, s.LastOrderAt);
            """,
        Sales: """
            MERGE SalesPerMinute WITH (HOLDLOCK) AS t
            USING (SELECT Minute, SUM(Orders) AS Orders, SUM(RevenueCents) AS RevenueCents
                FROM OPENJSON({0}) WITH (Minute datetime2 '$.k', Orders bigint '$.n', RevenueCents bigint '$.r') GROUP BY Minute) AS s
            ON t.Minute = s.Minute
            WHEN MATCHED THEN UPDATE SET Orders = t.Orders + s.Orders, RevenueCents = t.RevenueCents + s.RevenueCents
            WHEN NOT MATCHED THEN INSERT (Minute, Orders, RevenueCents) VALUES (s.Minute, s.Orders, s.RevenueCents);
            """,
        Purchases: """
            MERGE ProductStats WITH (HOLDLOCK) AS t
            USING (SELECT ProductId, SUM(Purchased) AS Purchased
                FROM OPENJSON({0}) WITH (ProductId nvarchar(128) '$.k', Purchased bigint '$.n') GROUP BY ProductId) AS s
            ON t.ProductId = s.ProductId
            WHEN MATCHED THEN UPDATE SET Purchased = t.Purchased + s.Purchased
            WHEN NOT MATCHED THEN INSERT (ProductId, Views, AddedToCart, RemovedFromCart, Purchased) VALUES (s.ProductId, 0, 0, 0, s.Purchased);
            """);
}
