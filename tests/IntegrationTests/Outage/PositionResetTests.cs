using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;

namespace EdaAspire.IntegrationTests.Outage;

/// <summary>
/// The broker answers fetches with OFFSET_OUT_OF_RANGE, so librdkafka resets the consumer's position to the start of
/// the partition (auto.offset.reset) behind the projections' back. The records it re-reads were applied already and
/// must not be counted again.
/// </summary>
public sealed class PositionResetTests : IDisposable
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _readModels = new();

    /// <summary>How many of the last batches are posted once the others are projected (one record per partition, at least).</summary>
    private const int Markers = 4;

    [Fact]
    public async Task Records_reread_after_a_position_reset_are_not_applied_twice()
    {
        var scenario = new ClickstreamScenario(events: 600, seed: 11);
        var batches = scenario.Batches(50).ToList();
        using var api = new IngestionApi(_kafka.BootstrapServers);
        using var client = api.CreateClient();
        await using var projections = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _readModels.ConnectionString, maxBatchSize: 20);
        var probe = new ReadModelsProbe(_readModels.ConnectionString);

        foreach (var batch in batches.Take(6))
        {
            await ClickstreamScenario.PostAsync(client, batch);
        }

        await probe.WaitForEventsAsync(300, TimeSpan.FromSeconds(60));
        _kafka.FailNextFetches(ErrorCode.OffsetOutOfRange, count: 24);
        foreach (var batch in batches.Skip(6).SkipLast(Markers))
        {
            await ClickstreamScenario.PostAsync(client, batch);
        }

        await probe.WaitForEventsAsync(600 - (Markers * 50), TimeSpan.FromSeconds(60));

        // The last batches are the marker: a partition is read in order, so once its marker records are applied, a
        // replay begun before them is over. A replay counted twice then shows as more than 600.
        var kafka = new KafkaProbe(_kafka.BootstrapServers);
        var before = kafka.HighWatermarks(Topics.Clickstream);
        foreach (var batch in batches.TakeLast(Markers))
        {
            await ClickstreamScenario.PostAsync(client, batch);
        }

        var after = kafka.HighWatermarks(Topics.Clickstream);
        Assert.All(before, p => Assert.True(after[p.Key] > p.Value, $"No marker record reached partition {p.Key}."));
        await probe.WaitForEventsAsync(600, TimeSpan.FromSeconds(60));
        Assert.Equal(600, await probe.ProjectedEventsAsync());
        await probe.AssertMatchesAsync(scenario);
    }

    public void Dispose()
    {
        _kafka.Dispose();
        _readModels.Dispose();
    }
}
