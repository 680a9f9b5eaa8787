namespace EdaAspire.Projections.Worker.Clickstream;

// The rows of ClickstreamSql's statements, one record per table: property names are the JSON keys the SQL reads
// (and the table's columns). Times are text in the dialect's form (SqlDialects.Time).

public sealed record PageViewsRow(string Minute, long Views);

public sealed record EventTypeCountRow(string Type, long Count);

public sealed record ProductActivityRow(string ProductId, long Views, long AddedToCart, long RemovedFromCart);

public sealed record SessionRow(string SessionId, string? UserId, string FirstSeen, string LastSeen, long EventCount);
