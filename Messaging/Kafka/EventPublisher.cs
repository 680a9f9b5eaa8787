using System.Diagnostics;
using Confluent.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.SemanticConventions;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// Publishes envelopes to Kafka with the idempotent producer and returns only when the broker has
/// acknowledged every one of them (acks=all), so a caller never reports success for an event that
/// could still be lost.
/// </summary>
public sealed class EventPublisher(IProducer<string, byte[]> producer, BrokerAvailability brokers, MessagingTelemetry telemetry)
{
    /// <exception cref="KafkaUnavailableException">The broker cannot take events now; nothing is known to be stored.</exception>
    /// <exception cref="ProduceException{TKey,TValue}">The broker refused an event for another reason.</exception>
    public async Task PublishAsync(string topic, IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return;
        }

        if (brokers.AllBrokersDown)
        {
            throw new KafkaUnavailableException("No Kafka broker is reachable.");
        }

        var started = Stopwatch.GetTimestamp();
        using var activity = StartSendActivity(topic, events);
        var trace = activity?.Context ?? Activity.Current?.Context ?? default;
        var deliveries = new DeliveryTracker(events.Count);
        string? errorType = null;
        try
        {
            foreach (var outgoing in events)
            {
                producer.Produce(topic, ToMessage(outgoing, trace), deliveries.Report);
            }

            await deliveries.Completion.WaitAsync(cancellationToken);
        }
        catch (ProduceException<string, byte[]> ex) when (IsTransient(ex.Error.Code))
        {
            errorType = ex.Error.Code.ToString();
            activity?.SetStatus(ActivityStatusCode.Error, ex.Error.Reason);
            throw new KafkaUnavailableException($"Kafka did not acknowledge the events: {ex.Error.Reason}", ex);
        }
        catch (Exception ex)
        {
            errorType = ex.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            var tags = MessagingTelemetry.Tags("send", topic, errorType: errorType);
            telemetry.SentMessages.Add(events.Count, tags);
            telemetry.OperationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    public Task PublishAsync(string topic, OutgoingEvent outgoing, CancellationToken cancellationToken = default) =>
        PublishAsync(topic, [outgoing], cancellationToken);

    private static Activity? StartSendActivity(string topic, IReadOnlyList<OutgoingEvent> events)
    {
        var activity = MessagingTelemetry.Source.StartActivity($"send {topic}", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(MessagingAttributes.System, "kafka");
            activity.SetTag(MessagingAttributes.OperationType, "send");
            activity.SetTag(MessagingAttributes.OperationName, "send");
            activity.SetTag(MessagingAttributes.DestinationName, topic);
            if (events.Count == 1)
            {
                activity.SetTag(MessagingAttributes.MessageId, events[0].Envelope.Id);
                activity.SetTag(MessagingAttributes.KafkaMessageKey, events[0].Key);
            }
            else
            {
                activity.SetTag(MessagingAttributes.BatchMessageCount, events.Count);
            }
        }

        return activity;
    }

    private static Message<string, byte[]> ToMessage(OutgoingEvent outgoing, ActivityContext trace) => new()
    {
        Key = outgoing.Key,
        Value = outgoing.Tombstone ? null! : outgoing.Envelope.Data.ToArray(), // Confluent declares Value non-null; null is a tombstone
        Headers = KafkaEnvelopeHeaders.Write(outgoing.Envelope, trace),
    };

    private static bool IsTransient(ErrorCode code) => code is ErrorCode.Local_QueueFull
        or ErrorCode.Local_MsgTimedOut
        or ErrorCode.Local_AllBrokersDown
        or ErrorCode.Local_Transport
        or ErrorCode.RequestTimedOut
        or ErrorCode.NotEnoughReplicas
        or ErrorCode.NotEnoughReplicasAfterAppend
        or ErrorCode.LeaderNotAvailable
        or ErrorCode.NotLeaderForPartition;

    /// <summary>Completes when every delivery report of a batch has arrived; fails with the first error.</summary>
    private sealed class DeliveryTracker(int count)
    {
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _remaining = count;
        private Error? _firstError;

        public Task Completion => _completion.Task;

        public void Report(DeliveryReport<string, byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref _firstError, report.Error, null);
            }

            if (Interlocked.Decrement(ref _remaining) > 0)
            {
                return;
            }

            if (_firstError is { } error)
            {
                _completion.SetException(new ProduceException<string, byte[]>(error, report));
            }
            else
            {
                _completion.SetResult();
            }
        }
    }
}
