using System.Diagnostics;
using System.Text;
using EdaAspire.Messaging.Envelope;

namespace EdaAspire.UnitTests.Messaging;

public class QueueEnvelopePropertiesTests
{
    private static readonly EventEnvelope Sample = new(
        "5d2c1e8a4f0b4c7e9a1d3b5f7e9c2a4b/authorize-payment",
        "shop.fulfillment.authorize_payment.v1",
        "urn:edaaspire:saga",
        new DateTimeOffset(2026, 11, 23, 12, 0, 5, 123, TimeSpan.FromHours(1)),
        Encoding.UTF8.GetBytes("""{"a":1}"""))
    {
        Subject = "order-7",
        CorrelationId = "corr-1",
        CausationId = "cause-1",
    };

    [Fact]
    public void Round_trips_every_attribute_and_the_trace_context()
    {
        var trace = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "vendor=x");

        var properties = QueueEnvelopeProperties.ToProperties(Sample, trace);
        Assert.True(QueueEnvelopeProperties.TryRead(properties, Sample.Data, out var read, out var problem));

        Assert.Null(problem);
        Assert.Equal(
            (Sample.Id, Sample.Type, Sample.Source, Sample.Time, Sample.Subject, Sample.CorrelationId, Sample.CausationId),
            (read.Id, read.Type, read.Source, read.Time, read.Subject, read.CorrelationId, read.CausationId));
        Assert.Equal("application/json", read.DataContentType);
        Assert.Equal(Sample.Data.ToArray(), read.Data.ToArray());
        Assert.Equal((trace.TraceId, trace.SpanId, "vendor=x"), (read.Trace.TraceId, read.Trace.SpanId, read.Trace.TraceState));
        Assert.True(read.Trace.IsRemote);
    }

    [Fact]
    public void Writes_the_cloudevents_amqp_binding_property_names()
    {
        var properties = QueueEnvelopeProperties.ToProperties(Sample, default);

        Assert.Equal(
            new[]
            {
                "cloudEvents:causationid", "cloudEvents:correlationid", "cloudEvents:id", "cloudEvents:source",
                "cloudEvents:specversion", "cloudEvents:subject", "cloudEvents:time", "cloudEvents:type",
            },
            properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("1.0", properties["cloudEvents:specversion"]);
        Assert.Equal("2026-11-23T12:00:05.1230000+01:00", properties["cloudEvents:time"]);
    }

    [Fact]
    public void Optional_attributes_are_left_out_when_absent()
    {
        var bare = Sample with { Subject = null, CorrelationId = null, CausationId = null };

        var properties = QueueEnvelopeProperties.ToProperties(bare, default);
        Assert.True(QueueEnvelopeProperties.TryRead(properties, bare.Data, out var read, out _));

        Assert.DoesNotContain("cloudEvents:subject", properties.Keys);
        Assert.Equal((null, null, null), (read.Subject, read.CorrelationId, read.CausationId));
        Assert.Equal(default, read.Trace);
    }

    [Fact]
    public void Traceparent_follows_the_w3c_format_and_tracestate_is_carried_when_set()
    {
        var trace = new ActivityContext(
            ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"),
            ActivitySpanId.CreateFromString("b7ad6b7169203331"),
            ActivityTraceFlags.None);

        var properties = QueueEnvelopeProperties.ToProperties(Sample, trace);

        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00", properties["traceparent"]);
        Assert.DoesNotContain("tracestate", properties.Keys);
        Assert.Equal(trace.SpanId, QueueEnvelopeProperties.ReadTraceContext(properties).SpanId);
    }

    [Theory]
    [InlineData("cloudEvents:id", "missing cloudEvents:id")]
    [InlineData("cloudEvents:type", "missing cloudEvents:type")]
    [InlineData("cloudEvents:source", "missing cloudEvents:source")]
    [InlineData("cloudEvents:specversion", "missing or unsupported cloudEvents:specversion")]
    [InlineData("cloudEvents:time", "missing or invalid cloudEvents:time")]
    public void A_message_without_a_required_attribute_is_not_an_envelope(string removed, string expectedProblem)
    {
        var properties = QueueEnvelopeProperties.ToProperties(Sample, default);
        properties.Remove(removed);

        var ok = QueueEnvelopeProperties.TryRead(properties, Sample.Data, out var read, out var problem);

        Assert.False(ok);
        Assert.Null(read);
        Assert.Equal(expectedProblem, problem);
    }

    [Theory]
    [InlineData("cloudEvents:specversion", "0.3", "missing or unsupported cloudEvents:specversion")]
    [InlineData("cloudEvents:time", "yesterday", "missing or invalid cloudEvents:time")]
    [InlineData("cloudEvents:id", "", "missing cloudEvents:id")]
    public void A_message_with_an_unusable_attribute_is_not_an_envelope(string key, string value, string expectedProblem)
    {
        var properties = QueueEnvelopeProperties.ToProperties(Sample, default);
        properties[key] = value;

        Assert.False(QueueEnvelopeProperties.TryRead(properties, Sample.Data, out _, out var problem));
        Assert.Equal(expectedProblem, problem);
    }

    [Fact]
    public void A_message_with_no_properties_is_not_an_envelope_and_has_no_trace()
    {
        var none = new Dictionary<string, string>();

        Assert.False(QueueEnvelopeProperties.TryRead(none, new byte[] { 1, 2 }, out _, out var problem));
        Assert.Equal("missing cloudEvents:id", problem);
        Assert.Equal(default, QueueEnvelopeProperties.ReadTraceContext(none));
    }
}
