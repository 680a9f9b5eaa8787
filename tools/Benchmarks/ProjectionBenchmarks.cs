using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Persistence;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.Projections.Worker.Clickstream;
using EdaAspire.ReadModels;
using EdaAspire.Workload;
using Microsoft.Data.Sqlite;
using System.Diagnostics.Metrics;
using EdaAspire.Projections.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.Benchmarks;

/// <summary>
/// The clickstream projection applying one consumed batch of 1,000 events to SQLite in a temp file: the handler the
/// worker runs (fold, upserts, checkpoints, one transaction), on a fresh context per batch as the worker's scope
/// gives it. The session pool is warm after the first batches, so most rows are updates, as in steady state.
/// </summary>
[MemoryDiagnoser]
public class ProjectionBenchmarks
{
    private const int Partitions = 12;
    private readonly long[] _offsets = new long[Partitions];
    private DirectoryInfo _folder = null!;
    private DbContextOptions<ReadModelsDbContext> _options = null!;
    private List<ConsumedEvent> _events = [];
    private List<Contracts.Clickstream.ClickEvent> _clicks = [];
    private string _raw = "";
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Params(1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("eda-bench-projection-");
        _options = new DbContextOptionsBuilder<ReadModelsDbContext>().UseSqlite(CreateDatabase("readmodels.db")).Options;
        _clicks = new ClickMix().Batch(BatchSize, DateTimeOffset.UtcNow);
        _events = _clicks
            .Select((click, i) => new ConsumedEvent(
                new TopicPartitionOffset(Topics.Clickstream, i % Partitions, i / Partitions),
                click.SessionId,
                IngestEnvelope.Wrap(click)))
            .ToList();

        // The raw writer gets a database of its own, so each measures its own table sizes.
        _raw = CreateDatabase("raw.db");
    }

    /// <returns>The connection string of a new database with the read-model schema, as the worker creates it.</returns>
    private string CreateDatabase(string file)
    {
        var connectionString = $"Data Source={Path.Combine(_folder.FullName, file)}";
        using var db = new ReadModelsDbContext(new DbContextOptionsBuilder<ReadModelsDbContext>().UseSqlite(connectionString).Options);
        db.EnsureSchemaAsync().GetAwaiter().GetResult();
        return connectionString;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        _services.Dispose();
    }

    [Benchmark(Description = "fold 1,000 events (no SQL)")]
    public int Fold() => ClickstreamChanges.From(_events.Select(e => ClickstreamProjection.Read(e.Envelope)!)).Sessions.Count;

    [Benchmark(Description = "projection apply of a 1,000-event batch")]
    public async Task Apply()
    {
        await using var db = new ReadModelsDbContext(_options);
        var projection = new TransactionalHandlerStep<ClickstreamProjection, ReadModelsDbContext, EdaAspire.Contracts.Clickstream.ClickEvent>(
            new ClickstreamProjection(db, new ProjectionTelemetry(_services.GetRequiredService<IMeterFactory>())), new SqlCheckpoints<ReadModelsDbContext>(db), ClickstreamProjection.Read, "projections",
            new MessagingTelemetry(_services.GetRequiredService<IMeterFactory>()), NullLogger.Instance);
        await projection.HandleAsync(ClickstreamProjection.Name, new ConsumedBatch(_events, NextRanges()), CancellationToken.None);
    }

    [Benchmark(Description = "raw prepared upserts of the same rows (the baseline)")]
    public async Task RawUpserts()
    {
        // A pooled connection per batch, as the worker's scope has; preparing five statements is noise beside the rows.
        await using var connection = new SqliteConnection(_raw);
        await connection.OpenAsync();
        await new ClickstreamUpserts(connection).WriteAsync(_clicks, CancellationToken.None);
    }

    /// <summary>Each batch moves every partition's checkpoint on from where the last one left it, as the consumer does.</summary>
    private List<PartitionRange> NextRanges()
    {
        var ranges = new List<PartitionRange>(Partitions);
        for (var p = 0; p < Partitions; p++)
        {
            var from = _offsets[p] == 0 ? (long?)null : _offsets[p];
            _offsets[p] += BatchSize / Partitions;
            ranges.Add(new PartitionRange(new TopicPartition(Topics.Clickstream, p), from, _offsets[p]));
        }

        return ranges;
    }
}
