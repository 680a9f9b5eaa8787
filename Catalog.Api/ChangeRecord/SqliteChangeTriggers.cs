using EdaAspire.Catalog.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Catalog.Api.ChangeRecord;

/// <summary>
/// SQLite's change record, which SQLite does not keep by itself: triggers on <c>Products</c> append every insert, update
/// and delete, with the row before and after as JSON, to <c>ProductChanges</c>, in the transaction that made the change.
/// <c>Version</c> (AUTOINCREMENT, never reused) orders them; SQLite's single writer commits them in that order. SQLite
/// databases are created from the model rather than migrated, so this runs after the schema, at every start
/// (idempotent). On SQL Server the migration turns on Change Tracking instead (<see cref="ChangeTrackingSql"/>).
/// </summary>
public sealed class SqliteChangeTriggers(IServiceScopeFactory scopes) : IHostedService
{
    public const string ChangeTable = "ProductChanges";

    private static string Image(string row) =>
        $"json_object('id', {row}.Id, 'name', {row}.Name, 'price', {row}.Price, 'currency', {row}.Currency, 'active', json(CASE WHEN {row}.Active THEN 'true' ELSE 'false' END))";

    private const string CommittedAt = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    public static readonly string Statement = $"""
        CREATE TABLE IF NOT EXISTS {ChangeTable} (
            Version INTEGER PRIMARY KEY AUTOINCREMENT,
            ProductId TEXT NOT NULL,
            Operation TEXT NOT NULL,
            Before TEXT NULL,
            After TEXT NULL,
            ChangedAt TEXT NOT NULL);
        CREATE TRIGGER IF NOT EXISTS Products_Captured_Insert AFTER INSERT ON Products BEGIN
            INSERT INTO {ChangeTable} (ProductId, Operation, Before, After, ChangedAt)
            VALUES (NEW.Id, 'create', NULL, {Image("NEW")}, {CommittedAt});
        END;
        CREATE TRIGGER IF NOT EXISTS Products_Captured_Update AFTER UPDATE ON Products BEGIN
            INSERT INTO {ChangeTable} (ProductId, Operation, Before, After, ChangedAt)
            VALUES (NEW.Id, 'update', {Image("OLD")}, {Image("NEW")}, {CommittedAt});
        END;
        CREATE TRIGGER IF NOT EXISTS Products_Captured_Delete AFTER DELETE ON Products BEGIN
            INSERT INTO {ChangeTable} (ProductId, Operation, Before, After, ChangedAt)
            VALUES (OLD.Id, 'delete', {Image("OLD")}, NULL, {CommittedAt});
        END;
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync(Statement, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
