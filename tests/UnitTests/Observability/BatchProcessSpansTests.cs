using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.SemanticConventions;

namespace EdaAspire.UnitTests.Observability;

/// <summary>The span shapes of a consumed batch: parent/child for one message, links both ways for several.</summary>
public sealed class BatchProcessSpansTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public BatchProcessSpansTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MessagingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    private static ActivityContext NewProducerContext() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

    private static ConsumedEvent Consumed(ActivityContext trace, int offset) => new(
        new TopicPartitionOffset("orders", 3, offset),
        "order-1",
        new EventEnvelope($"event-{offset}", "shop.order.placed.v1", "urn:test", DateTimeOffset.UtcNow, Array.Empty<byte>()) { Trace = trace });

    private static ConsumedBatch Batch(params ConsumedEvent[] events) =>
        new(events, [new PartitionRange(new TopicPartition("orders", 3), null, events.Length)]);

    [Fact]
    public void One_message_is_processed_in_a_child_of_its_producer_span()
    {
        var producer = NewProducerContext();
        var consumed = Consumed(producer, 41);

        using (BatchProcessSpans.Start(Batch(consumed), "saga"))
        {
            using var entered = BatchProcessSpans.Enter(consumed);
            Assert.Equal(producer.TraceId, Activity.Current?.TraceId);
        }

        var span = Assert.Single(_stopped, s => s.TraceId == producer.TraceId);
        Assert.Equal("process orders", span.DisplayName);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(producer.SpanId, span.ParentSpanId);
        Assert.Equal("saga", span.GetTagItem(MessagingAttributes.ConsumerGroupName));
        Assert.Equal("event-41", span.GetTagItem(MessagingAttributes.MessageId));
        Assert.Equal(41L, span.GetTagItem(MessagingAttributes.KafkaOffset));
        Assert.Equal("3", span.GetTagItem(MessagingAttributes.PartitionId));
        Assert.Equal("order-1", span.GetTagItem(MessagingAttributes.KafkaMessageKey));
        Assert.Null(Activity.Current);
    }

    [Fact]
    public void A_batch_links_every_producer_and_each_producer_gets_a_child_linked_back()
    {
        var (first, second) = (NewProducerContext(), NewProducerContext());
        var events = new[] { Consumed(first, 1), Consumed(first, 2), Consumed(second, 3) };

        ActivityContext batchContext;
        using (var spans = BatchProcessSpans.Start(Batch(events), "projections-orders"))
        {
            batchContext = spans.Batch!.Context;
            Assert.Equal(batchContext, Activity.Current?.Context);
            using (BatchProcessSpans.Enter(events[2]))
            {
                // What a handler does for this message lands in the message's own trace...
                Assert.Equal(second.TraceId, Activity.Current?.TraceId);
            }

            // ...and the batch is current again afterwards.
            Assert.Equal(batchContext, Activity.Current?.Context);
        }

        var batch = Assert.Single(_stopped, s => s.Context == batchContext);
        Assert.Equal(default, batch.ParentSpanId);
        Assert.Equal([first, second], batch.Links.Select(l => l.Context).ToHashSet());
        Assert.Equal(3, batch.GetTagItem(MessagingAttributes.BatchMessageCount));

        var ofFirst = Assert.Single(_stopped, s => s.TraceId == first.TraceId);
        Assert.Equal(first.SpanId, ofFirst.ParentSpanId);
        Assert.Equal(2, ofFirst.GetTagItem(MessagingAttributes.BatchMessageCount));
        Assert.Equal(batchContext, Assert.Single(ofFirst.Links).Context);

        var ofSecond = Assert.Single(_stopped, s => s.TraceId == second.TraceId);
        Assert.Equal(second.SpanId, ofSecond.ParentSpanId);
        Assert.Equal("event-3", ofSecond.GetTagItem(MessagingAttributes.MessageId));
        Assert.Equal(batchContext, Assert.Single(ofSecond.Links).Context);
    }

    public void Dispose() => _listener.Dispose();
}
