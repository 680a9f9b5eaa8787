using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Projections.Worker.Archive;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.UnitTests.Archive;

public sealed class ArchiveWriterTests : IDisposable
{
    private static readonly DateTimeOffset T0 = ArchiveSamples.T0;

    private readonly ArchiveSamples _samples = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ArchiveWriter _writer;

    public ArchiveWriterTests() => _writer = new ArchiveWriter(_samples.Layout, new ArchiveTelemetry(_services.GetRequiredService<IMeterFactory>()), NullLogger<ArchiveWriter>.Instance);

    private Task Write(params ConsumedEvent[] events) => _writer.HandleAsync("archive", ArchiveSamples.Batch(events), CancellationToken.None);

    private static ConsumedEvent Order(long offset, DateTimeOffset time) => ArchiveSamples.Event("orders", 0, offset, time);

    private static long[] Offsets(string[] lines) =>
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kafkaoffset").GetInt64()).ToArray();

    [Fact]
    public async Task Each_record_goes_to_the_file_of_its_topic_partition_and_hour()
    {
        await Write(
            Order(0, T0),
            Order(1, T0.AddMinutes(30)),                              // 23:10
            ArchiveSamples.Event("clickstream", 5, 7, T0.AddHours(2))); // 00:40 the next day

        var files = _samples.Files();

        Assert.Equal(["clickstream/2026-11-24/00/partition-5.jsonl", "orders/2026-11-23/22/partition-0.jsonl", "orders/2026-11-23/23/partition-0.jsonl"], files.Keys.Order());
        Assert.Equal([0L], Offsets(files["orders/2026-11-23/22/partition-0.jsonl"]));
        Assert.Equal([1L], Offsets(files["orders/2026-11-23/23/partition-0.jsonl"]));
        Assert.Equal([7L], Offsets(files["clickstream/2026-11-24/00/partition-5.jsonl"]));
    }

    [Fact]
    public async Task A_partition_whose_time_goes_back_and_forth_keeps_each_file_in_offset_order()
    {
        await Write(Order(0, T0), Order(1, T0.AddHours(1)), Order(2, T0), Order(3, T0.AddHours(1)), Order(4, T0));

        var files = _samples.Files();

        Assert.Equal([0L, 2, 4], Offsets(files["orders/2026-11-23/22/partition-0.jsonl"]));
        Assert.Equal([1L, 3], Offsets(files["orders/2026-11-23/23/partition-0.jsonl"]));
    }

    [Fact]
    public async Task Records_already_archived_are_skipped_not_written_twice()
    {
        await Write(Order(0, T0), Order(1, T0.AddHours(1)), Order(2, T0), Order(3, T0.AddHours(1)));

        // A replay overlapping what is written (a rebalance race, or a resume from a low checkpoint).
        await Write(Order(1, T0.AddHours(1)), Order(2, T0), Order(3, T0.AddHours(1)), Order(4, T0), Order(5, T0.AddHours(1)));
        await Write(Order(0, T0), Order(1, T0.AddHours(1)), Order(2, T0), Order(3, T0.AddHours(1)), Order(4, T0), Order(5, T0.AddHours(1)));

        var files = _samples.Files();
        Assert.Equal([0L, 2, 4], Offsets(files["orders/2026-11-23/22/partition-0.jsonl"]));
        Assert.Equal([1L, 3, 5], Offsets(files["orders/2026-11-23/23/partition-0.jsonl"]));
    }

    [Fact]
    public async Task After_a_crash_mid_append_the_resume_writes_the_cut_record_exactly_once()
    {
        await Write(Order(0, T0), Order(1, T0), Order(2, T0));
        var path = _samples.Layout.FileOf(new TopicPartition("orders", 0), T0);
        File.AppendAllText(path, Encoding.UTF8.GetString(ArchiveLine.Format(Order(3, T0)))[..50]);

        var checkpoints = new ArchiveCheckpoints(_samples.Layout, NullLogger<ArchiveCheckpoints>.Instance);
        var next = (await checkpoints.LoadAsync("archive", [new TopicPartition("orders", 0)], CancellationToken.None)).Values.Single();
        await Write(Enumerable.Range((int)next, 3).Select(o => Order(o, T0)).ToArray());

        Assert.Equal([0L, 1, 2, 3, 4, 5], Offsets(File.ReadAllLines(path)));
    }

    [Fact]
    public async Task A_partial_line_left_in_any_file_is_cut_before_appending_to_it()
    {
        await Write(Order(0, T0), Order(1, T0.AddHours(1)));
        var older = _samples.Layout.FileOf(new TopicPartition("orders", 0), T0);
        File.AppendAllText(older, Encoding.UTF8.GetString(ArchiveLine.Format(Order(2, T0)))[..50]);

        await Write(Order(2, T0), Order(3, T0.AddHours(1)));

        Assert.Equal([0L, 2], Offsets(File.ReadAllLines(older)));
    }

    [Fact]
    public async Task Appended_records_are_counted_by_topic_and_a_replayed_one_not_again()
    {
        using var records = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), ArchiveTelemetry.Name, "eda.archive.records");

        await Write(Order(0, T0), Order(1, T0));
        await Write(Order(1, T0), Order(2, T0)); // 1 is a replay of what the file holds

        var measurements = records.GetMeasurementSnapshot();
        Assert.Equal(3, measurements.Sum(m => m.Value));
        Assert.All(measurements, m => Assert.Equal("orders", m.Tags["messaging.destination.name"]));
    }

    public void Dispose()
    {
        _samples.Dispose();
        _services.Dispose();
    }
}
