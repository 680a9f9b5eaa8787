using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.Messaging.Envelope;
using EdaAspire.SemanticConventions;
using EdaAspire.WorkQueue;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// The span of processing one queue message, after the OpenTelemetry messaging conventions, and the fulfillment
/// metrics (a meter from the host's <see cref="IMeterFactory"/>); ServiceDefaults subscribes to every "EdaAspire.*" source
/// and meter.
/// </summary>
public sealed class FulfillmentTelemetry
{
    public const string Name = "EdaAspire.Fulfillment";

    public const string CommandTypeAttribute = "eda.fulfillment.command.type";
    public const string OutcomeAttribute = "eda.fulfillment.outcome";

    /// <summary>The command-type tag of a message that is not a command this version knows (bounded cardinality).</summary>
    public const string UnknownCommandType = "unknown";

    public static readonly ActivitySource Source = new(Name);
    private readonly Counter<long> _commands;
    private readonly Histogram<double> _handlingDuration;

    public FulfillmentTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Name);
        _commands = meter.CreateCounter<long>(
            "eda.fulfillment.commands", "{command}", "Deliveries of fulfillment commands handled, by command type and outcome.");
        _handlingDuration = meter.CreateHistogram<double>(
            "eda.fulfillment.handling.duration", "s", "Duration of handling one delivery, from receipt to settlement.");
    }

    /// <summary>A "process" span, a child of the sender's trace (the message's <c>traceparent</c>).</summary>
    public static Activity? StartProcess(ReceivedMessage message, string messagingSystem, string queue)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parent = QueueEnvelopeProperties.ReadTraceContext(message.ApplicationProperties);
        var activity = Source.StartActivity($"process {queue}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(MessagingAttributes.System, messagingSystem);
            activity.SetTag(MessagingAttributes.OperationType, "process");
            activity.SetTag(MessagingAttributes.OperationName, "process");
            activity.SetTag(MessagingAttributes.DestinationName, queue);
            activity.SetTag(MessagingAttributes.MessageId, message.MessageId);
            activity.SetTag(MessagingAttributes.ConversationId, message.CorrelationId);
            activity.SetTag(MessagingAttributes.ServiceBusDeliveryCount, message.DeliveryCount);
        }

        return activity;
    }

    public static void TagEnvelope(Activity? activity, EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        activity?.SetTag(CloudEventsAttributes.EventId, envelope.Id);
        activity?.SetTag(CloudEventsAttributes.EventType, envelope.Type);
    }

    /// <summary>Counts the delivery and closes its span: an error for anything but a published result.</summary>
    public void RecordHandled(Activity? activity, string commandType, string outcome, string? errorType, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { CommandTypeAttribute, commandType },
            { OutcomeAttribute, outcome },
        };
        _commands.Add(1, tags);
        _handlingDuration.Record(elapsed.TotalSeconds, tags);

        activity?.SetTag(CommandTypeAttribute, commandType);
        activity?.SetTag(OutcomeAttribute, outcome);
        if (errorType is not null)
        {
            activity?.SetTag(MessagingAttributes.ErrorType, errorType);
            activity?.SetStatus(ActivityStatusCode.Error, errorType);
        }
    }
}
