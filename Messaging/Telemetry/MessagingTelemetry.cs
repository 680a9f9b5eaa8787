using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.SemanticConventions;

namespace EdaAspire.Messaging.Telemetry;

/// <summary>
/// Spans and metrics of publish and process, named after the OpenTelemetry messaging semantic
/// conventions (https://opentelemetry.io/docs/specs/semconv/messaging/).
/// </summary>
public static class MessagingTelemetry
{
    public const string Name = "EdaAspire.Messaging";

    public static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    public static readonly Counter<long> SentMessages = Meter.CreateCounter<long>(
        "messaging.client.sent.messages", "{message}", "Messages the producer handed to the broker and had acknowledged (or failed, with error.type).");

    public static readonly Counter<long> ConsumedMessages = Meter.CreateCounter<long>(
        "messaging.client.consumed.messages", "{message}", "Messages a consumer received and its handler applied.");

    public static readonly Counter<long> FailedMessages = Meter.CreateCounter<long>(
        "eda.messaging.failed.messages", "{message}", "Messages in batches whose handling failed, by error.type; the batch is retried, so each attempt counts.");

    public static readonly Counter<long> DeadLetteredMessages = Meter.CreateCounter<long>(
        "eda.messaging.dead_lettered.messages", "{message}", "Records a consumer group parked in their topic's dead-letter topic, by error.type.");

    public static readonly Counter<long> SkippedMessages = Meter.CreateCounter<long>(
        "messaging.skipped.messages", "{message}", "Records a consumer skipped: not an envelope, or a type it does not know.");

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "messaging.client.operation.duration", "s", "Duration of a send until the broker acknowledged it.");

    public static readonly Histogram<double> ProcessDuration = Meter.CreateHistogram<double>(
        "messaging.process.duration", "s", "Duration of handling one consumed batch.");

    public static TagList Tags(string operation, string destination, string? consumerGroup = null, string? errorType = null)
    {
        var tags = new TagList
        {
            { MessagingAttributes.System, "kafka" },
            { MessagingAttributes.OperationName, operation },
            { MessagingAttributes.DestinationName, destination },
        };
        if (consumerGroup is not null)
        {
            tags.Add(MessagingAttributes.ConsumerGroupName, consumerGroup);
        }

        if (errorType is not null)
        {
            tags.Add(MessagingAttributes.ErrorType, errorType);
        }

        return tags;
    }
}
