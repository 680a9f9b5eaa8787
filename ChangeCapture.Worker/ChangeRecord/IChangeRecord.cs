using EdaAspire.Persistence;

namespace EdaAspire.ChangeCapture.Worker.ChangeRecord;

/// <summary>A database's own record of the changes to <c>Products</c>.</summary>
public interface IChangeRecord
{
    /// <summary>
    /// The changes after <paramref name="position"/>, oldest first: about <paramref name="max"/> of them, never splitting
    /// one change version, so the last one's version is a position to resume from.
    /// </summary>
    Task<IReadOnlyList<CapturedChange>> ReadAfterAsync(long position, int max, CancellationToken cancellationToken);

    /// <summary>How many changes the record holds after <paramref name="position"/>: the connector's lag.</summary>
    Task<long> CountAfterAsync(long position, CancellationToken cancellationToken);
}

public static class ChangeRecords
{
    /// <summary>The change record of the database the connection string names: SQLite's trigger table or SQL Server's Change Tracking.</summary>
    public static IChangeRecord For(CaptureDbContext db, TimeProvider clock) => SqlDialects.Of(db.Database) switch
    {
        SqlDialect.SqlServer => new SqlServerChangeTracking(db, clock),
        _ => new SqliteChangeTable(db),
    };
}
