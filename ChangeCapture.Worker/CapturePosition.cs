using Microsoft.EntityFrameworkCore;

namespace EdaAspire.ChangeCapture.Worker;

/// <summary>
/// The connector's checkpoint: the change version up to which everything is published, a row of
/// <c>CaptureCheckpoints</c> in the catalog's database (Catalog.Api's schema creates it at 0). Standard SQL, the same on
/// SQLite and SQL Server.
/// </summary>
public sealed class CapturePosition(CaptureDbContext db)
{
    public const string Source = "Products";

    public const string ReadStatement = "SELECT Position AS Value FROM CaptureCheckpoints WHERE Source = {0}";

    /// <summary>Compare-and-set: moves only from the position this connector read.</summary>
    public const string AdvanceStatement = "UPDATE CaptureCheckpoints SET Position = {0} WHERE Source = {1} AND Position = {2}";

    public async Task<long> ReadAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long>(ReadStatement, Source).SingleAsync(cancellationToken);

    /// <returns>False when the stored position is no longer <paramref name="from"/> (another connector moved it).</returns>
    public async Task<bool> AdvanceAsync(long from, long to, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(AdvanceStatement, [to, Source, from], cancellationToken) == 1;
}
