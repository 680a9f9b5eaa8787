using Microsoft.EntityFrameworkCore;

namespace EdaAspire.ChangeCapture.Worker;

/// <summary>
/// A connection to the catalog's database with no model of its own: the connector reads the change record and moves
/// its checkpoint with hand-written statements, so it depends on those tables only, not on Catalog.Api's code.
/// </summary>
public sealed class CaptureDbContext(DbContextOptions<CaptureDbContext> options) : DbContext(options)
{
    /// <summary>The same connection string Catalog.Api reads.</summary>
    public const string ConnectionName = "catalog";
}
