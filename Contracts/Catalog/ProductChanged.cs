namespace EdaAspire.Contracts.Catalog;

/// <summary>An event of topic <c>catalog</c> (key = product id).</summary>
public interface ICatalogEvent
{
    string ProductId { get; }
}

/// <summary>A product row as the catalog database held it at one change.</summary>
public sealed record ProductImage(string Id, string Name, decimal Price, string Currency, bool Active);

/// <summary>
/// Where a change was read: the database system, the table and the change version (the SQLite change table's sequence
/// number, SQL Server's <c>SYS_CHANGE_VERSION</c>), which orders a product's changes and names the event.
/// <see cref="ChangedAt"/>: when the change was recorded, or, where the record keeps no time (Change Tracking), when it was read.
/// </summary>
public sealed record ChangeSource(string System, string Table, long Version, DateTimeOffset ChangedAt);

/// <summary>
/// A row of the catalog's <c>Products</c> table changed, as the change-data-capture connector read it from the
/// database's own change record: <see cref="Operation"/> is one of <see cref="ChangeOperations"/>; <see cref="Before"/>
/// is null for a create (and where the change record keeps no old values), <see cref="After"/> null for a delete.
/// </summary>
public sealed record ProductChanged(
    string ProductId,
    string Operation,
    ProductImage? Before,
    ProductImage? After,
    ChangeSource Source) : ICatalogEvent;

/// <summary>The values of <see cref="ProductChanged.Operation"/>.</summary>
public static class ChangeOperations
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";

    /// <summary>The row as it is now, read whole because the change record no longer reaches back to the last position.</summary>
    public const string Snapshot = "snapshot";
}
