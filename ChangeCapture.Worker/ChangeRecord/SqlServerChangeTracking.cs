using System.Data;
using EdaAspire.Contracts.Catalog;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.ChangeCapture.Worker.ChangeRecord;

/// <summary>
/// SQL Server's change record: Change Tracking on <c>dbo.Products</c> (Azure SQL too). It keeps, per key, the last
/// change since a version and no old values, so an event carries the row as it is (no before image) and several
/// changes to one product between two reads arrive as one. Read in a snapshot transaction, so changes and rows are
/// as of one version. When the record no longer reaches back to the position (retention cleaned it up), every row
/// is published as a snapshot and the position moves to the current version.
/// </summary>
public sealed class SqlServerChangeTracking(CaptureDbContext db, TimeProvider clock) : IChangeRecord
{
    public const string System = "sqlserver";

    public const string VersionsStatement = """
        SELECT CHANGE_TRACKING_CURRENT_VERSION() AS [Current],
               CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(N'dbo.Products')) AS [MinValid]
        """;

    /// <summary>TOP … WITH TIES: a batch ends after a whole change version, never inside one.</summary>
    public const string ChangesStatement = """
        SELECT TOP ({1}) WITH TIES
               ct.SYS_CHANGE_VERSION AS [Version], ct.SYS_CHANGE_OPERATION AS [Operation], ct.[Id] AS [ProductId],
               p.[Name], p.[Price], p.[Currency], p.[Active]
        FROM CHANGETABLE(CHANGES [dbo].[Products], {0}) AS ct
        LEFT JOIN [dbo].[Products] AS p ON p.[Id] = ct.[Id]
        WHERE ct.SYS_CHANGE_VERSION <= {2}
        ORDER BY ct.SYS_CHANGE_VERSION
        """;

    public const string SnapshotStatement = """
        SELECT {0} AS [Version], N'S' AS [Operation], p.[Id] AS [ProductId], p.[Name], p.[Price], p.[Currency], p.[Active]
        FROM [dbo].[Products] AS p
        ORDER BY p.[Id]
        """;

    /// <summary>Keys changed after the position (Change Tracking keeps one row per key); all rows once retention passed it.</summary>
    public const string CountStatement = """
        SELECT CASE WHEN {0} < CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(N'dbo.Products'))
                    THEN (SELECT COUNT_BIG(*) FROM [dbo].[Products])
                    ELSE (SELECT COUNT_BIG(*) FROM CHANGETABLE(CHANGES [dbo].[Products], {0}) AS ct)
               END AS [Value]
        """;

    public async Task<long> CountAfterAsync(long position, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long>(CountStatement, position).SingleAsync(cancellationToken);

    public Task<IReadOnlyList<CapturedChange>> ReadAfterAsync(long position, int max, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Snapshot, ct);
            var versions = await db.Database.SqlQueryRaw<TrackingVersions>(VersionsStatement).SingleAsync(ct);
            if (versions.Current is not { } current || current <= position)
            {
                return (IReadOnlyList<CapturedChange>)[];
            }

            var rows = versions.MinValid is { } minValid && position < minValid
                ? await db.Database.SqlQueryRaw<TrackedRow>(SnapshotStatement, current).ToListAsync(ct)
                : await db.Database.SqlQueryRaw<TrackedRow>(ChangesStatement, position, max, current).ToListAsync(ct);
            await transaction.CommitAsync(ct);
            var readAt = clock.GetUtcNow();
            return [.. rows.OrderBy(r => r.Version).ThenBy(r => r.ProductId, StringComparer.Ordinal).Select(r => ToChange(r, readAt))];
        }, cancellationToken);

    private static CapturedChange ToChange(TrackedRow row, DateTimeOffset readAt)
    {
        // A key inserted or updated and deleted again before this read joins no row: it is gone.
        var after = row.Operation != "D" && row.Name is not null
            ? new ProductImage(row.ProductId, row.Name, row.Price!.Value, row.Currency!, row.Active!.Value)
            : null;
        var operation = (row.Operation, after) switch
        {
            (_, null) => ChangeOperations.Delete,
            ("I", _) => ChangeOperations.Create,
            ("S", _) => ChangeOperations.Snapshot,
            _ => ChangeOperations.Update,
        };
        return new CapturedChange(row.ProductId, operation, Before: null, after, new ChangeSource(System, CapturePosition.Source, row.Version, readAt));
    }

    internal sealed class TrackingVersions
    {
        public long? Current { get; set; }

        public long? MinValid { get; set; }
    }

    internal sealed class TrackedRow
    {
        public long Version { get; set; }

        public required string Operation { get; set; }

        public required string ProductId { get; set; }

        public string? Name { get; set; }

        public decimal? Price { get; set; }

        public string? Currency { get; set; }

        public bool? Active { get; set; }
    }
}
