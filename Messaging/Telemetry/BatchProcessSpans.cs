using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using EdaAspire.Messaging.Kafka;
using EdaAspire.SemanticConventions;

namespace EdaAspire.Messaging.Telemetry;

/// <summary>
/// The spans of handling one consumed batch, after the messaging conventions for batch processing. One message: a
/// single "process" span, the child of the span that produced it. Several: a "process" span for the batch with a
/// link to each producer's context, plus, per producer context, a "process" span that is that producer's child and
/// links back to the batch, so every message's own trace shows where it was handled.
/// </summary>
public sealed class BatchProcessSpans : IDisposable
{
    private const int MaxTraces = 128;

    // The span a handler makes current for one message's work (see Enter); keyed by identity, gone with the batch.
    private static readonly ConditionalWeakTable<ConsumedEvent, Activity> MessageSpans = new();

    private readonly Activity? _batch;
    private readonly List<Activity> _perTrace = [];

    private BatchProcessSpans(ConsumedBatch batch, string consumerGroup)
    {
        var topic = batch.Ranges[0].Partition.Topic;
        if (batch.Events.Count == 1)
        {
            var single = batch.Events[0];
            _batch = MessagingTelemetry.Source.StartActivity(ActivityKind.Consumer, single.Envelope.Trace, name: $"process {topic}");
            TagProcess(_batch, topic, consumerGroup);
            TagMessage(_batch, single);
            return;
        }

        var traces = batch.Events
            .Where(e => e.Envelope.Trace != default)
            .GroupBy(e => e.Envelope.Trace)
            .Take(MaxTraces)
            .ToList();
        _batch = MessagingTelemetry.Source.StartActivity(
            ActivityKind.Consumer, parentContext: default, links: traces.Select(t => new ActivityLink(t.Key)), name: $"process {topic}");
        TagProcess(_batch, topic, consumerGroup);
        _batch?.SetTag(MessagingAttributes.BatchMessageCount, batch.Events.Count);
        if (_batch is null)
        {
            return;
        }

        foreach (var trace in traces)
        {
            var first = trace.First();
            var span = MessagingTelemetry.Source.StartActivity(
                ActivityKind.Consumer, trace.Key, links: [new ActivityLink(_batch.Context)], name: $"process {first.Position.Topic}");
            if (span is null)
            {
                continue;
            }

            TagProcess(span, first.Position.Topic, consumerGroup);
            if (trace.Count() == 1)
            {
                TagMessage(span, first);
            }
            else
            {
                span.SetTag(MessagingAttributes.BatchMessageCount, trace.Count());
            }

            _perTrace.Add(span);
            foreach (var consumed in trace)
            {
                MessageSpans.AddOrUpdate(consumed, span);
            }
        }

        // Starting the per-trace spans made each current in turn; the handler runs under the batch span.
        Activity.Current = _batch;
    }

    public Activity? Batch => _batch;

    public static BatchProcessSpans Start(ConsumedBatch batch, string consumerGroup)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new BatchProcessSpans(batch, consumerGroup);
    }

    /// <summary>
    /// Makes the span of <paramref name="consumed"/>'s own trace current until disposed, so what a handler does for
    /// that one message (an outbox row storing the trace, a log line) lands in the message's trace, not the batch's.
    /// </summary>
    public static IDisposable Enter(ConsumedEvent consumed)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        if (!MessageSpans.TryGetValue(consumed, out var span))
        {
            // A batch of one: its span already is the message's child and current.
            return MessageScope.None;
        }

        var scope = new MessageScope(Activity.Current);
        Activity.Current = span;
        return scope;
    }

    public void Fail(string description)
    {
        _batch?.SetStatus(ActivityStatusCode.Error, description);
        foreach (var span in _perTrace)
        {
            span.SetStatus(ActivityStatusCode.Error, description);
        }
    }

    public void Dispose()
    {
        foreach (var span in _perTrace)
        {
            span.Dispose();
        }

        _batch?.Dispose();
    }

    private static void TagProcess(Activity? activity, string topic, string consumerGroup)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag(MessagingAttributes.System, "kafka");
        activity.SetTag(MessagingAttributes.OperationType, "process");
        activity.SetTag(MessagingAttributes.OperationName, "process");
        activity.SetTag(MessagingAttributes.DestinationName, topic);
        activity.SetTag(MessagingAttributes.ConsumerGroupName, consumerGroup);
    }

    private static void TagMessage(Activity? activity, ConsumedEvent consumed)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag(MessagingAttributes.MessageId, consumed.Envelope.Id);
        activity.SetTag(MessagingAttributes.PartitionId, consumed.Position.Partition.Value.ToString(CultureInfo.InvariantCulture));
        activity.SetTag(MessagingAttributes.KafkaOffset, consumed.Position.Offset.Value);
        if (consumed.Key is not null)
        {
            activity.SetTag(MessagingAttributes.KafkaMessageKey, consumed.Key);
        }
    }

    private sealed class MessageScope(Activity? previous) : IDisposable
    {
        public static readonly IDisposable None = new MessageScope(null) { _restore = false };

        private bool _restore = true;

        public void Dispose()
        {
            if (_restore)
            {
                Activity.Current = previous;
                _restore = false;
            }
        }
    }
}
