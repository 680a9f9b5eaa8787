using System.Diagnostics;
using EdaAspire.Contracts;
using EdaAspire.Saga.Worker.Data;
using EdaAspire.Saga.Worker.Orchestration;
using EdaAspire.SemanticConventions;

namespace EdaAspire.Saga.Worker.Outbox;

/// <summary>The span the relay sends an outbox row in.</summary>
public static class OutboxTelemetry
{
    public const string AttemptAttribute = "eda.outbox.attempt";

    /// <summary>
    /// A "create" span per row (the messaging conventions' creation context of a message), continuing the trace the
    /// saga's decision was made in, which the row stored. The send runs inside it, and the message carries its
    /// context, so the receiver's span is its child.
    /// </summary>
    public static Activity? StartRelay(OutboxMessage row, string messagingSystem)
    {
        ArgumentNullException.ThrowIfNull(row);
        var stored = ActivityContext.TryParse(row.TraceParent, null, isRemote: true, out var context) ? context : default;
        var span = SagaTelemetry.Source.StartActivity(ActivityKind.Producer, stored, name: $"create {row.Destination}");
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(MessagingAttributes.System, messagingSystem);
            span.SetTag(MessagingAttributes.OperationType, "create");
            span.SetTag(MessagingAttributes.OperationName, "create");
            span.SetTag(MessagingAttributes.DestinationName, row.Destination);
            span.SetTag(MessagingAttributes.MessageId, row.MessageId);
            span.SetTag(SagaTelemetry.OrderIdAttribute, row.OrderId);
            span.SetTag(AttemptAttribute, row.Attempts + 1);
            if (row.Destination == Topics.Orders)
            {
                span.SetTag(MessagingAttributes.KafkaMessageKey, row.OrderId);
            }
        }

        return span;
    }

    /// <summary>
    /// <see cref="StartRelay"/> without making the span current, for rows sent together: each is the parent of its own
    /// message only, not of the next row's span.
    /// </summary>
    public static Activity? StartSibling(OutboxMessage row, string messagingSystem)
    {
        var current = Activity.Current;
        var span = StartRelay(row, messagingSystem);
        Activity.Current = current;
        return span;
    }
}
