using EdaAspire.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Web.Dashboard;

/// <summary>
/// Whether Projections.Worker has created a read model's tables yet. The dashboard never creates
/// the schema; until it exists, a page shows that it is waiting instead of failing a query.
/// </summary>
public static class ReadModelTables
{
    public static async Task<bool> ExistAsync(
        this ReadModelsDbContext db, IReadOnlyCollection<Type> entityTypes, CancellationToken cancellationToken)
    {
        var required = entityTypes
            .Select(type => db.Model.FindEntityType(type)?.GetTableName()
                ?? throw new ArgumentException($"{type.Name} is not mapped to a table.", nameof(entityTypes)))
            .ToList();

        var sql = db.Database.IsSqlite()
            ? "SELECT name AS Value FROM sqlite_master WHERE type = 'table'"
            : "SELECT TABLE_NAME AS Value FROM INFORMATION_SCHEMA.TABLES";
        var existing = await db.Database.SqlQueryRaw<string>(sql).ToListAsync(cancellationToken);

        return required.All(table => existing.Contains(table, StringComparer.OrdinalIgnoreCase));
    }
}
