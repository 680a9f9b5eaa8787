extern alias cdc;

using EdaAspire.Contracts;
using EdaAspire.Contracts.Catalog;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Tests.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using CaptureApi = cdc::EdaAspire.ChangeCapture.Worker.CaptureApi;
using CapturePosition = cdc::EdaAspire.ChangeCapture.Worker.CapturePosition;
using CaptureProgress = cdc::EdaAspire.ChangeCapture.Worker.CaptureProgress;
using IChangeRecord = cdc::EdaAspire.ChangeCapture.Worker.ChangeRecord.IChangeRecord;

namespace EdaAspire.IntegrationTests.Catalog;

/// <summary>
/// Change data capture on the real pieces: Catalog.Api writes SQLite (its triggers keep the change record), the
/// connector publishes to librdkafka's mock cluster over TCP, and a plain consumer reads topic <c>catalog</c>.
/// </summary>
public sealed class ChangeCaptureTests : IDisposable
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);
    private const int Seeded = 36;
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PollCap = TimeSpan.FromMilliseconds(500);

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _file = new("catalog");
    private readonly CatalogApi _api;
    private readonly CatalogDatabase _database;
    private readonly ProductRequests _products;

    public ChangeCaptureTests()
    {
        _api = new CatalogApi(_file.ConnectionString);
        _products = new ProductRequests(_api.CreateClient()); // starts the API: schema, change record, seed
        _database = new CatalogDatabase(_file.ConnectionString);
    }

    [Fact]
    public async Task Inserts_updates_and_deletes_become_exactly_their_events_in_order_once_in_effect_across_a_connector_crash()
    {
        var first = await ChangeCaptureWorker.StartAsync(_kafka.BootstrapServers, _file.ConnectionString, batchSize: 7);
        await _products.CreateAsync("p-cdc", 10m);
        await _products.RepriceAsync("p-cdc", 12m);
        await _products.RepriceAsync("p-2", 99m, "Filter coffee 500 g");
        var etag = await _products.RepriceAsync("p-cdc", 15m);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await _products.DeleteAsync("p-cdc", etag)).StatusCode);
        await _database.WaitForCaptureAsync(CatchUp);

        // Killed: disposed without a stop. Then the catalog changes while no connector runs, and the checkpoint is put
        // back as a crash between publishing and checkpointing leaves it: those changes go out a second time.
        first.Dispose();
        await _products.CreateAsync("p-late", 3.5m);
        await _products.RepriceAsync("p-3", 1m, "Green tea 100 g");
        await _database.RewindCheckpointAsync(Seeded - 5);

        // The lag the connector's GET /api/capture reports while none runs: every change after the checkpoint.
        var last = await _database.LastChangeAsync();
        using (var idle = ChangeCaptureWorker.Build(_kafka.BootstrapServers, _file.ConnectionString))
        {
            var behind = await CaptureStatusAsync(idle);
            Assert.Equal((Seeded - 5L, last - (Seeded - 5), 0L, (DateTimeOffset?)null), (behind.Position, behind.Pending, behind.Published, behind.LastPublishedAt));
        }

        using var second = await ChangeCaptureWorker.StartAsync(_kafka.BootstrapServers, _file.ConnectionString, batchSize: 7);
        await _database.WaitForCaptureAsync(CatchUp);
        var caughtUp = await CaptureStatusAsync(second);
        Assert.Equal((last, 0L, last - (Seeded - 5)), (caughtUp.Position, caughtUp.Pending, caughtUp.Published));
        Assert.NotNull(caughtUp.LastPublishedAt);
        await second.StopAsync();

        var records = CatalogRecord.ReadAll(new KafkaProbe(_kafka.BootstrapServers), Topics.Catalog);
        var applied = CatalogRecord.Deduplicated(records);

        // Duplicates exist and are byte-for-byte the first copy under the same id.
        Assert.True(records.Count > applied.Count, "the rewound checkpoint should have published some changes twice");
        Assert.All(records.GroupBy(r => r.Id), copies => Assert.Single(copies.Select(Content).Distinct()));

        // Once in effect: one create per seeded product, then exactly what the API did, per product in order.
        Assert.Equal(Seeded + 5 + 1 + 1 + 1, applied.Count); // the seed, p-cdc's five records, p-2's, p-late's and p-3's
        Assert.All(Enumerable.Range(1, Seeded), i => Assert.Equal(ChangeOperations.Create, applied.First(r => r.Key == $"p-{i}").Change!.Operation));
        Assert.Equal(
            ["create null→10", "update 10→12", "update 12→15", "delete 15→null", "tombstone"],
            History(applied, "p-cdc"));
        Assert.Equal(["create null→7.5", "update 7.5→99"], History(applied, "p-2"));
        Assert.Equal(["create null→12.5", "update 12.5→1"], History(applied, "p-3"));
        Assert.Equal(["create null→3.5"], History(applied, "p-late"));

        // Each product's records share one partition (its order), and the tombstone carries no body.
        Assert.All(records.GroupBy(r => r.Key), key => Assert.Single(key.Select(r => r.Partition).Distinct()));
        var tombstone = Assert.Single(applied, r => r.IsTombstone);
        Assert.Equal(("p-cdc", CatalogEventCatalog.TombstoneType), (tombstone.Key, tombstone.Type));
    }

    [Fact]
    public async Task An_idle_connector_backs_off_to_its_cap_and_a_change_brings_it_back_to_the_first_interval()
    {
        // On a fake clock, so the test sees each wait the connector chooses: reads that find nothing double it up to the cap.
        var clock = new FakeClock();
        using var connector = ChangeCaptureWorker.Build(_kafka.BootstrapServers, _file.ConnectionString, time: clock, settings: new Dictionary<string, string?>
        {
            ["ChangeCapture:PollInterval"] = "00:00:00.100",
            ["ChangeCapture:MaxPollInterval"] = "00:00:00.500",
        });
        await connector.StartAsync();

        // The first read publishes the seed and waits the first interval; each read after it finds nothing.
        await clock.WaitForTimerAsync(FirstPoll);
        await _database.WaitForCaptureAsync(FakeClock.Ceiling);
        var waiting = FirstPoll;
        foreach (var next in new[] { FirstPoll, FirstPoll * 2, FirstPoll * 4, PollCap, PollCap })
        {
            clock.Advance(waiting);
            await clock.WaitForTimerAsync(next);
            waiting = next;
        }

        // A change is read at the next poll and published, and the wait is the first interval again.
        await _products.RepriceAsync("p-2", 8m);
        clock.Advance(waiting);
        await clock.WaitForTimerAsync(FirstPoll);
        await _database.WaitForCaptureAsync(FakeClock.Ceiling);

        await connector.StopAsync();
    }

    private static async Task<Contracts.Catalog.CaptureStatus> CaptureStatusAsync(IHost connector)
    {
        await using var scope = connector.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var answer = await CaptureApi.GetStatusAsync(
            services.GetRequiredService<CapturePosition>(), services.GetRequiredService<IChangeRecord>(), services.GetRequiredService<CaptureProgress>(), default);
        return answer.Value!;
    }

    private static (string Key, string Type, string Body) Content(CatalogRecord record) =>
        (record.Key, record.Type, Convert.ToBase64String(record.Value ?? []));

    private static List<string> History(List<CatalogRecord> applied, string key) =>
        [.. applied.Where(r => r.Key == key).Select(r => r.Change is { } c
            ? $"{c.Operation} {Price(c.Before)}→{Price(c.After)}"
            : "tombstone")];

    private static string Price(ProductImage? image) =>
        image?.Price.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "null";

    public void Dispose()
    {
        _api.Dispose();
        _file.Dispose();
        _kafka.Dispose();
    }
}
