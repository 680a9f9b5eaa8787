using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;

namespace EdaAspire.IntegrationTests.Clickstream;

/// <summary>
/// HTTP → Ingestion.Api → Kafka (librdkafka's mock cluster over TCP) → Projections.Worker → SQLite,
/// all real, checked against totals computed independently from the events posted.
/// </summary>
public sealed class ClickstreamPipelineTests : IDisposable
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _database = new();
    private readonly IngestionApi _ingestion;
    private readonly ReadModelsProbe _readModels;

    public ClickstreamPipelineTests()
    {
        _ingestion = new IngestionApi(_kafka.BootstrapServers);
        _readModels = new ReadModelsProbe(_database.ConnectionString);
    }

    [Fact]
    public async Task Posting_1000_events_yields_exactly_their_counts()
    {
        var scenario = new ClickstreamScenario(events: 1000);
        await using var worker = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _database.ConnectionString);
        var client = _ingestion.CreateClient();

        foreach (var batch in scenario.Batches(100))
        {
            await ClickstreamScenario.PostAsync(client, batch);
        }

        await _readModels.WaitForEventsAsync(1000, CatchUp);
        await _readModels.AssertMatchesAsync(scenario);
    }

    [Fact]
    public async Task Stopping_the_worker_mid_stream_and_starting_it_again_loses_and_doubles_nothing()
    {
        var scenario = new ClickstreamScenario(events: 1000, seed: 11);
        var batches = scenario.Batches(50).ToList();
        var client = _ingestion.CreateClient();

        var first = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _database.ConnectionString, maxBatchSize: 20);
        foreach (var batch in batches[..10])
        {
            await ClickstreamScenario.PostAsync(client, batch);
        }

        await _readModels.WaitForEventsAsync(1, CatchUp);
        await first.DisposeAsync();
        var atStop = await _readModels.ProjectedEventsAsync();

        // Events keep arriving while no worker runs.
        foreach (var batch in batches[10..])
        {
            await ClickstreamScenario.PostAsync(client, batch);
        }

        Assert.Equal(atStop, await _readModels.ProjectedEventsAsync());
        Assert.InRange(atStop, 1, 500);

        await using var second = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _database.ConnectionString, maxBatchSize: 20);
        await _readModels.WaitForEventsAsync(1000, CatchUp);
        await _readModels.AssertMatchesAsync(scenario);
    }

    [Fact]
    public async Task Two_workers_in_one_group_share_the_partitions_and_count_each_event_once()
    {
        var scenario = new ClickstreamScenario(events: 1000, seed: 23);
        var batches = scenario.Batches(50).ToList();
        var client = _ingestion.CreateClient();

        var first = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _database.ConnectionString, maxBatchSize: 20);
        foreach (var batch in batches[..5])
        {
            await ClickstreamScenario.PostAsync(client, batch);
        }

        // A second member joins: the group rebalances while events flow.
        await using var second = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _database.ConnectionString, maxBatchSize: 20);
        foreach (var batch in batches[5..15])
        {
            await ClickstreamScenario.PostAsync(client, batch);
        }

        // The first leaves mid-stream: its partitions move to the second, from the stored checkpoints.
        await first.DisposeAsync();
        foreach (var batch in batches[15..])
        {
            await ClickstreamScenario.PostAsync(client, batch);
        }

        await _readModels.WaitForEventsAsync(1000, CatchUp);
        await _readModels.AssertMatchesAsync(scenario);
    }

    public void Dispose()
    {
        _ingestion.Dispose();
        _kafka.Dispose();
        _database.Dispose();
    }
}
