using EdaAspire.Persistence;
using EdaAspire.ReadModels;
using EdaAspire.ReadModels.Orders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.DashboardTests.Infrastructure;

/// <summary>A real read-model database in a temp SQLite file, with the schema Projections.Worker creates.</summary>
public sealed class ReadModelDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dashboard-tests-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={_path}";

    public static async Task<ReadModelDatabase> CreateAsync()
    {
        var database = new ReadModelDatabase();
        await using var db = database.Open();
        await db.EnsureSchemaAsync();
        return database;
    }

    public ReadModelsDbContext Open() =>
        new(new DbContextOptionsBuilder<ReadModelsDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>Stores orders as the projection would: the summary and every event of the timeline.</summary>
    public async Task AddAsync(params TestOrder[] orders)
    {
        await using var db = Open();
        foreach (var order in orders)
        {
            db.Orders.Add(order.Summary);
            db.OrderTimeline.AddRange(order.Timeline);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Replaces an order's rows with its history now, in one transaction, as the projection applies new events.</summary>
    public async Task UpdateAsync(TestOrder order)
    {
        await using var db = Open();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.OrderTimeline.Where(e => e.OrderId == order.OrderId).ExecuteDeleteAsync();
        await db.Orders.Where(o => o.OrderId == order.OrderId).ExecuteDeleteAsync();
        db.Orders.Add(order.Summary);
        db.OrderTimeline.AddRange(order.Timeline);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Summaries only (no timelines): enough rows for the list, fast to insert.</summary>
    public async Task AddSummariesAsync(IEnumerable<OrderSummary> summaries)
    {
        await using var db = Open();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Orders.AddRange(summaries);
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
