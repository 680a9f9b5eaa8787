using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.SemanticConventions;

namespace EdaAspire.Messaging.Telemetry;

/// <summary>
/// Spans and metrics of publish and process, named after the OpenTelemetry messaging semantic
/// conventions (https://opentelemetry.io/docs/specs/semconv/messaging/); the meter comes from the host's
/// <see cref="IMeterFactory"/>, so its measurements belong to one host.
/// </summary>
public sealed class MessagingTelemetry
{
    public const string Name = "EdaAspire.Messaging";

    public static readonly ActivitySource Source = new(Name);

    public MessagingTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Name);
        SentMessages = meter.CreateCounter<long>(
            "messaging.client.sent.messages", "{message}", "Messages the producer handed to the broker and had acknowledged (or failed, with error.type).");
        ConsumedMessages = meter.CreateCounter<long>(
            "messaging.client.consumed.messages", "{message}", "Messages a consumer received and its handler applied.");
        FailedMessages = meter.CreateCounter<long>(
            "eda.messaging.failed.messages", "{message}", "Messages in batches whose handling failed, by error.type; the batch is retried, so each attempt counts.");
        DeadLetteredMessages = meter.CreateCounter<long>(
            "eda.messaging.dead_lettered.messages", "{message}", "Records a consumer group parked in their topic's dead-letter topic, by error.type.");
        SkippedMessages = meter.CreateCounter<long>(
            "messaging.skipped.messages", "{message}", "Records a consumer skipped: not an envelope, or a type it does not know.");
        OperationDuration = meter.CreateHistogram<double>(
            "messaging.client.operation.duration", "s", "Duration of a send until the broker acknowledged it.");
        ProcessDuration = meter.CreateHistogram<double>(
            "messaging.process.duration", "s", "Duration of handling one consumed batch.");
    }

    public Counter<long> SentMessages { get; }

    public Counter<long> ConsumedMessages { get; }

    public Counter<long> FailedMessages { get; }

    public Counter<long> DeadLetteredMessages { get; }

    public Counter<long> SkippedMessages { get; }

    public Histogram<double> OperationDuration { get; }

    public Histogram<double> ProcessDuration { get; }

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
