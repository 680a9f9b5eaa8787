namespace EdaAspire.Projections.Worker.Orders;

// The rows of OrderCountersSql's statements, one record per table: property names are the JSON keys the SQL reads
// (and the table's columns). Times are text in the dialect's form (SqlDialects.Time).

public sealed record CustomerCountersRow(string CustomerId, long Placed, long Confirmed, long Cancelled, long SpentCents, string LastOrderAt);

public sealed record SalesRow(string Minute, long Orders, long RevenueCents);

public sealed record PurchasesRow(string ProductId, long Purchased);
