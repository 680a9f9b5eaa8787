using EdaAspire.Persistence;

namespace EdaAspire.Projections.Worker.Orders;

/// <summary>
/// The set-based upserts of the counters the orders projection shares with other workers (customers, sales per
/// minute, units purchased per product), like <see cref="Clickstream.ClickstreamSql"/>: one statement per table, rows
/// in one JSON array, increments in SQL. The rows are <see cref="CustomerCountersRow"/>, <see cref="SalesRow"/> and
/// <see cref="PurchasesRow"/>, read by their property names.
/// </summary>
public sealed record OrderCountersSql(string Customers, string Sales, string Purchases)
{
    public static OrderCountersSql For(SqlDialect dialect) => dialect == SqlDialect.SqlServer ? SqlServer : Sqlite;

    public static OrderCountersSql Sqlite { get; } = new(
        Customers: """
            INSERT INTO Customers (CustomerId, Placed, Confirmed, Cancelled, SpentCents, LastOrderAt)
            SELECT json_extract(value, '$.CustomerId'), json_extract(value, '$.Placed'), json_extract(value, '$.Confirmed'), json_extract(value, '$.Cancelled'),
                json_extract(value, '$.SpentCents'), json_extract(value, '$.LastOrderAt')
            FROM json_each({0}) WHERE true
            ON CONFLICT (CustomerId) DO UPDATE SET Placed = Placed + excluded.Placed, Confirmed = Confirmed + excluded.Confirmed,
                Cancelled = Cancelled + excluded.Cancelled, SpentCents = SpentCents + excluded.SpentCents,
                LastOrderAt = MAX(LastOrderAt, excluded.LastOrderAt)
            """,
        Sales: """
            INSERT INTO SalesPerMinute (Minute, Orders, RevenueCents)
            SELECT json_extract(value, '$.Minute'), json_extract(value, '$.Orders'), json_extract(value, '$.RevenueCents') FROM json_each({0}) WHERE true
            ON CONFLICT (Minute) DO UPDATE SET Orders = Orders + excluded.Orders, RevenueCents = RevenueCents + excluded.RevenueCents
            """,
        Purchases: """
            INSERT INTO ProductStats (ProductId, Views, AddedToCart, RemovedFromCart, Purchased)
            SELECT json_extract(value, '$.ProductId'), 0, 0, 0, json_extract(value, '$.Purchased') FROM json_each({0}) WHERE true
            ON CONFLICT (ProductId) DO UPDATE SET Purchased = Purchased + excluded.Purchased
            """);

    public static OrderCountersSql SqlServer { get; } = new(
        Customers: """
            MERGE Customers WITH (HOLDLOCK) AS t
            USING (SELECT CustomerId, SUM(Placed) AS Placed, SUM(Confirmed) AS Confirmed, SUM(Cancelled) AS Cancelled,
                    SUM(SpentCents) AS SpentCents, MAX(LastOrderAt) AS LastOrderAt
                FROM OPENJSON({0}) WITH (CustomerId nvarchar(128) '$.CustomerId', Placed bigint '$.Placed', Confirmed bigint '$.Confirmed', Cancelled bigint '$.Cancelled',
                    SpentCents bigint '$.SpentCents', LastOrderAt datetime2 '$.LastOrderAt')
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
                FROM OPENJSON({0}) WITH (Minute datetime2 '$.Minute', Orders bigint '$.Orders', RevenueCents bigint '$.RevenueCents') GROUP BY Minute) AS s
            ON t.Minute = s.Minute
            WHEN MATCHED THEN UPDATE SET Orders = t.Orders + s.Orders, RevenueCents = t.RevenueCents + s.RevenueCents
            WHEN NOT MATCHED THEN INSERT (Minute, Orders, RevenueCents) VALUES (s.Minute, s.Orders, s.RevenueCents);
            """,
        Purchases: """
            MERGE ProductStats WITH (HOLDLOCK) AS t
            USING (SELECT ProductId, SUM(Purchased) AS Purchased
                FROM OPENJSON({0}) WITH (ProductId nvarchar(128) '$.ProductId', Purchased bigint '$.Purchased') GROUP BY ProductId) AS s
            ON t.ProductId = s.ProductId
            WHEN MATCHED THEN UPDATE SET Purchased = t.Purchased + s.Purchased
            WHEN NOT MATCHED THEN INSERT (ProductId, Views, AddedToCart, RemovedFromCart, Purchased) VALUES (s.ProductId, 0, 0, 0, s.Purchased);
            """);
}
