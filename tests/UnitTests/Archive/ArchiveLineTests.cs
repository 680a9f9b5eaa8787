using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Projections.Worker.Archive;

namespace EdaAspire.UnitTests.Archive;

public class ArchiveLineTests
{
    private static readonly ActivityContext Trace = new(
        ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"),
        ActivitySpanId.CreateFromString("b7ad6b7169203331"),
        ActivityTraceFlags.Recorded,
        "vendor=x");

    private static ConsumedEvent Sample(string contentType, string body) => new(
        new TopicPartitionOffset("orders", 7, 42),
        "order-1",
        new EventEnvelope("evt-1", "shop.order.placed.v1", "urn:edaaspire:ingestion", new DateTimeOffset(2026, 11, 23, 12, 0, 5, 123, TimeSpan.FromHours(1)), Encoding.UTF8.GetBytes(body))
        {
            Subject = "order-1",
            DataContentType = contentType,
            CorrelationId = "corr-1",
            CausationId = "cause-1",
            Trace = Trace,
        });

    private static JsonElement Parse(byte[] line) => JsonDocument.Parse(line).RootElement;

    [Fact]
    public void Is_one_cloudevent_per_line_with_the_kafka_position_the_key_and_the_trace()
    {
        var line = ArchiveLine.Format(Sample("application/json", """{"orderId":"order-1","total":19.99}"""));

        Assert.Equal((byte)'\n', line[^1]);
        Assert.Single(line, (byte)'\n');
        var json = Parse(line);
        Assert.Equal("1.0", json.GetProperty("specversion").GetString());
        Assert.Equal("evt-1", json.GetProperty("id").GetString());
        Assert.Equal("shop.order.placed.v1", json.GetProperty("type").GetString());
        Assert.Equal("urn:edaaspire:ingestion", json.GetProperty("source").GetString());
        Assert.Equal("2026-11-23T12:00:05.1230000+01:00", json.GetProperty("time").GetString());
        Assert.Equal("order-1", json.GetProperty("subject").GetString());
        Assert.Equal("application/json", json.GetProperty("datacontenttype").GetString());
        Assert.Equal("corr-1", json.GetProperty("correlationid").GetString());
        Assert.Equal("cause-1", json.GetProperty("causationid").GetString());
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", json.GetProperty("traceparent").GetString());
        Assert.Equal("vendor=x", json.GetProperty("tracestate").GetString());
        Assert.Equal("orders", json.GetProperty("kafkatopic").GetString());
        Assert.Equal(7, json.GetProperty("kafkapartition").GetInt32());
        Assert.Equal(42, json.GetProperty("kafkaoffset").GetInt64());
        Assert.Equal("order-1", json.GetProperty("partitionkey").GetString());
        Assert.Equal(19.99m, json.GetProperty("data").GetProperty("total").GetDecimal());
        Assert.False(json.TryGetProperty("data_base64", out _));
    }

    [Fact]
    public void Embeds_json_data_on_the_one_line_even_when_the_body_spans_several()
    {
        var line = ArchiveLine.Format(Sample("application/cloudevents+json; charset=utf-8", "{\n  \"a\": \"x\\ny\",\n  \"b\": [1, 2]\n}\n"));

        Assert.Single(line, (byte)'\n');
        var data = Parse(line).GetProperty("data");
        Assert.Equal("x\ny", data.GetProperty("a").GetString());
        Assert.Equal(2, data.GetProperty("b").GetArrayLength());
    }

    [Theory]
    [InlineData("application/octet-stream", "binary\n\u0001payload")]
    [InlineData("application/json", "{not json")]
    public void Keeps_any_other_body_byte_for_byte_in_base64(string contentType, string body)
    {
        var json = Parse(ArchiveLine.Format(Sample(contentType, body)));

        Assert.False(json.TryGetProperty("data", out _));
        Assert.Equal(Encoding.UTF8.GetBytes(body), json.GetProperty("data_base64").GetBytesFromBase64());
    }

    [Fact]
    public void Leaves_out_what_the_event_does_not_carry()
    {
        var bare = new ConsumedEvent(
            new TopicPartitionOffset("clickstream", 0, 3),
            null,
            new EventEnvelope("evt-2", "t.v1", "urn:test", DateTimeOffset.UnixEpoch, ReadOnlyMemory<byte>.Empty));

        var json = Parse(ArchiveLine.Format(bare));

        foreach (var absent in new[] { "subject", "correlationid", "causationid", "traceparent", "tracestate", "partitionkey", "data", "data_base64" })
        {
            Assert.False(json.TryGetProperty(absent, out _), absent);
        }
    }

    [Fact]
    public void Its_offset_reads_back_from_the_line()
    {
        var line = ArchiveLine.Format(Sample("application/json", """{"kafkaoffset":999}"""));

        Assert.Equal(42, ArchiveLine.OffsetOf(line.AsSpan(0, line.Length - 1)));
    }

    [Fact]
    public void Its_offset_is_the_events_own_not_one_inside_its_data()
    {
        Assert.Equal(42, ArchiveLine.OffsetOf("""{"data":{"kafkaoffset":999},"kafkaoffset":42}"""u8));
    }

    [Theory]
    [InlineData("{\"id\":\"x\"")]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("\0\0\0")]
    public void A_line_that_is_not_an_archive_line_is_reported(string text)
    {
        Assert.Throws<InvalidDataException>(() => ArchiveLine.OffsetOf(Encoding.UTF8.GetBytes(text)));
    }
}
