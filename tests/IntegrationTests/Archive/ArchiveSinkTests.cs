using System.Text;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;

namespace EdaAspire.IntegrationTests.Archive;

/// <summary>
/// The archive sink against the embedded Kafka cluster over TCP and a real directory: every event of both topics on
/// exactly one line of the file its topic, partition and hour name, across stops, crashes, kills and rebalances.
/// </summary>
public sealed class ArchiveSinkTests : IDisposable
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Trickle = TimeSpan.FromMilliseconds(40);

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly string _root = Directory.CreateTempSubdirectory("eda-archive-").FullName;
    private readonly ArchiveProbe _archive;

    public ArchiveSinkTests() => _archive = new ArchiveProbe(_root);

    private Task<RunningHost> StartWorkerAsync(int maxBatchSize = 50) =>
        RunningHost.StartAsync(ArchiveWorker.Build(_kafka.BootstrapServers, _root, maxBatchSize));

    [Fact]
    public async Task Every_event_of_both_topics_lands_once_in_the_file_of_its_topic_partition_and_hour()
    {
        using var scenario = new ArchiveScenario(_kafka.BootstrapServers, events: 600);
        await using var worker = await StartWorkerAsync();

        await scenario.PublishAsync(0, 600);

        _archive.AssertExactlyOnce(scenario, await _archive.WaitForAllAsync(scenario, CatchUp));
    }

    [Fact]
    public Task Stopping_mid_stream_and_starting_again_while_events_keep_arriving_writes_each_once() =>
        AssertExactlyOnceWhileEventsArriveAsync(seed: 11, async () =>
        {
            var first = await StartWorkerAsync(maxBatchSize: 20);
            await _archive.WaitForAsync(100, CatchUp);
            await first.DisposeAsync();
            Assert.InRange(_archive.ReadAll().Count, 100, 999);
            return await StartWorkerAsync(maxBatchSize: 20);
        });

    [Fact]
    public async Task A_line_torn_by_a_crash_is_cut_off_and_its_record_written_again_once()
    {
        using var scenario = new ArchiveScenario(_kafka.BootstrapServers, events: 400, seed: 13);
        await using (await StartWorkerAsync())
        {
            await scenario.PublishAsync(0, 300);
            Assert.Equal(300, (await _archive.WaitForAsync(300, CatchUp)).Count);
        }

        // The crash: the partition's latest record was half written when the process died.
        var torn = _archive.ReadAll().GroupBy(l => (l.Topic, l.Partition)).MaxBy(g => g.Count())!.MaxBy(l => l.Offset)!;
        TearLastLine(torn.File);
        Assert.DoesNotContain(_archive.ReadAll(), l => l.Id == torn.Id);

        await scenario.PublishAsync(300, 400);
        await using var restarted = await StartWorkerAsync();

        var lines = await _archive.WaitForAllAsync(scenario, CatchUp);
        _archive.AssertExactlyOnce(scenario, lines);
        Assert.Single(lines, l => l.Id == torn.Id);
    }

    [Fact]
    public Task Disposing_the_host_without_a_graceful_stop_and_restarting_at_once_writes_each_once() =>
        AssertExactlyOnceWhileEventsArriveAsync(seed: 17, async () =>
        {
            // No StopAsync: the host is torn down under the running consumer, and a new one joins while it goes.
            var killed = ArchiveWorker.Build(_kafka.BootstrapServers, _root, maxBatchSize: 20);
            await killed.StartAsync();
            await _archive.WaitForAsync(100, CatchUp);
            killed.Dispose();
            return await StartWorkerAsync(maxBatchSize: 20);
        });

    [Fact]
    public Task Two_archivers_in_one_group_share_the_partitions_and_write_each_event_once() =>
        AssertExactlyOnceWhileEventsArriveAsync(seed: 23, async () =>
        {
            var first = await StartWorkerAsync(maxBatchSize: 20);
            await _archive.WaitForAsync(100, CatchUp);

            // A second member joins while events flow, then the first leaves: partitions move twice, from the files.
            var second = await StartWorkerAsync(maxBatchSize: 20);
            await _archive.WaitForAsync(400, CatchUp);
            await first.DisposeAsync();
            return second;
        });

    /// <summary>
    /// Publishes 1,000 events in a trickle while <paramref name="disrupt"/> starts and stops workers, leaving one
    /// running; then every event must be archived exactly once.
    /// </summary>
    private async Task AssertExactlyOnceWhileEventsArriveAsync(int seed, Func<Task<RunningHost>> disrupt)
    {
        using var scenario = new ArchiveScenario(_kafka.BootstrapServers, events: 1000, seed);
        var publishing = scenario.PublishAsync(0, 1000, chunk: 20, pause: Trickle);

        await using var survivor = await disrupt();
        await publishing;

        _archive.AssertExactlyOnce(scenario, await _archive.WaitForAllAsync(scenario, CatchUp));
    }

    /// <summary>Replaces a file's last line with its first half, as an append cut short leaves it.</summary>
    private static void TearLastLine(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var lastStart = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        var half = (bytes.Length - lastStart) / 2;
        File.WriteAllBytes(file, bytes[..(lastStart + half)]);
        Assert.NotEqual((byte)'\n', File.ReadAllBytes(file)[^1]);
        Assert.StartsWith("{", Encoding.UTF8.GetString(bytes[lastStart..]), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _kafka.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
