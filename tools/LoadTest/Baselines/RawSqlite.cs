using System.Diagnostics;
using EdaAspire.LoadTest.Measurement;
using EdaAspire.LoadTest.Reporting;
using EdaAspire.Workload;
using EdaAspire.Persistence;
using EdaAspire.ReadModels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.LoadTest.Baselines;

/// <summary>
/// The raw limit of the clickstream read model on this machine: the same rows the projection writes for the same
/// click mix (<see cref="ClickstreamUpserts"/>), one transaction per 1,000 events, in a database created from the
/// same EF model with the same journal (WAL) and synchronous settings.
/// </summary>
public static class RawSqlite
{
    public const string Name = "raw sqlite";
    private const int BatchSize = 1000;

    public static async Task<ScenarioResult> RunAsync(int count, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = MachineLoad.Now();
        var folder = Directory.CreateTempSubdirectory("eda-raw-sqlite-");
        try
        {
            var connectionString = $"Data Source={Path.Combine(folder.FullName, "readmodels.db")}";
            await CreateSchemaAsync(connectionString, cancellationToken);

            var mix = new ClickMix();
            var batches = Enumerable.Range(0, count / BatchSize).Select(_ => mix.Batch(BatchSize, DateTimeOffset.UtcNow)).ToList();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            var upserts = new ClickstreamUpserts(connection);
            var clock = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                await upserts.WriteAsync(batch, cancellationToken);
            }

            var elapsed = clock.Elapsed;
            var metrics = new MetricList
            {
                { "events", batches.Count * BatchSize, "count" },
                { "batch size", BatchSize, "events" },
                { "events/s", batches.Count * BatchSize / elapsed.TotalSeconds, "events/s" },
            };
            return new ScenarioResult(Name, startedAt, loadBefore, MachineLoad.Now(), metrics, [],
                ["Schema from ReadModelsDbContext (EnsureSchemaAsync: WAL, default synchronous); prepared INSERT … ON CONFLICT DO UPDATE per row."]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task CreateSchemaAsync(string connectionString, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<ReadModelsDbContext>().UseSqlite(connectionString).Options;
        await using var db = new ReadModelsDbContext(options);
        await db.EnsureSchemaAsync(cancellationToken);
    }
}
