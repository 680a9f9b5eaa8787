using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.UnitTests.Messaging;

public class KafkaEnvelopeHeadersTests
{
    private static readonly EventEnvelope Sample = new(
        "0193f0a2-0000-7000-8000-000000000001",
        "shop.clickstream.page_viewed.v1",
        "urn:edaaspire:ingestion",
        new DateTimeOffset(2026, 11, 23, 12, 0, 5, 123, TimeSpan.FromHours(1)),
        Encoding.UTF8.GetBytes("""{"a":1}"""))
    {
        Subject = "session-7",
        CorrelationId = "corr-1",
        CausationId = "cause-1",
    };

    [Fact]
    public void Round_trips_every_attribute_and_the_trace_context()
    {
        var trace = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "vendor=x");

        var headers = KafkaEnvelopeHeaders.Write(Sample, trace);
        var ok = KafkaEnvelopeHeaders.TryRead(headers, Sample.Data.ToArray(), out var read, out var problem);

        Assert.True(ok, problem);
        Assert.Equal(Sample.Id, read.Id);
        Assert.Equal(Sample.Type, read.Type);
        Assert.Equal(Sample.Source, read.Source);
        Assert.Equal(Sample.Time, read.Time);
        Assert.Equal(Sample.Subject, read.Subject);
        Assert.Equal(Sample.CorrelationId, read.CorrelationId);
        Assert.Equal(Sample.CausationId, read.CausationId);
        Assert.Equal("application/json", read.DataContentType);
        Assert.Equal(Sample.Data.ToArray(), read.Data.ToArray());
        Assert.Equal(trace.TraceId, read.Trace.TraceId);
        Assert.Equal(trace.SpanId, read.Trace.SpanId);
        Assert.Equal("vendor=x", read.Trace.TraceState);
        Assert.True(read.Trace.IsRemote);
    }

    [Fact]
    public void Writes_the_cloudevents_kafka_binding_header_names()
    {
        var headers = KafkaEnvelopeHeaders.Write(Sample, default);

        var names = headers.Select(h => h.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "ce_subject", "content-type" }, names);
        Assert.Equal("1.0", Encoding.UTF8.GetString(headers.GetLastBytes("ce_specversion")));
        Assert.DoesNotContain("traceparent", names);
    }

    [Fact]
    public void Traceparent_follows_the_w3c_format()
    {
        var trace = new ActivityContext(
            ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"),
            ActivitySpanId.CreateFromString("b7ad6b7169203331"),
            ActivityTraceFlags.Recorded);

        var headers = KafkaEnvelopeHeaders.Write(Sample, trace);

        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", Encoding.UTF8.GetString(headers.GetLastBytes("traceparent")));
    }

    [Theory]
    [InlineData("ce_id", "missing ce_id")]
    [InlineData("ce_type", "missing ce_type")]
    [InlineData("ce_source", "missing ce_source")]
    [InlineData("ce_specversion", "missing or unsupported ce_specversion")]
    [InlineData("ce_time", "missing or invalid ce_time")]
    public void A_record_without_a_required_attribute_is_not_an_envelope(string removed, string expectedProblem)
    {
        var headers = KafkaEnvelopeHeaders.Write(Sample, default);
        headers.Remove(removed);

        var ok = KafkaEnvelopeHeaders.TryRead(headers, [], out _, out var problem);

        Assert.False(ok);
        Assert.Equal(expectedProblem, problem);
    }

    [Fact]
    public void A_record_with_no_headers_is_not_an_envelope()
    {
        Assert.False(KafkaEnvelopeHeaders.TryRead(null, [1, 2], out _, out var problem));
        Assert.Equal("missing ce_id", problem);
    }

    [Fact]
    public void An_unsupported_spec_version_is_refused()
    {
        var headers = KafkaEnvelopeHeaders.Write(Sample, default);
        headers.Remove("ce_specversion");
        headers.Add("ce_specversion", "0.3"u8.ToArray());

        Assert.False(KafkaEnvelopeHeaders.TryRead(headers, [], out _, out _));
    }
}
