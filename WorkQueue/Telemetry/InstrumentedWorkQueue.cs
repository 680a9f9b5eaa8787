using System.Diagnostics;
using EdaAspire.SemanticConventions;

namespace EdaAspire.WorkQueue.Telemetry;

/// <summary>
/// Adds spans and counters around any adapter, so every adapter reports alike. Trace context travels in the message's
/// <c>traceparent</c> application property, which the caller sets; this only records the operations.
/// </summary>
public sealed class InstrumentedWorkQueue(IWorkQueue inner, string messagingSystem, WorkQueueTelemetry telemetry) : IWorkQueue
{
    // Service Bus's address of a queue's dead-letter queue.
    private string DeadLetterDestination => $"{Name}/$deadletterqueue";

    public string Name => inner.Name;

    public bool SupportsScheduling => inner.SupportsScheduling;

    public Task SendAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync([message], cancellationToken);
    }

    public async Task SendAsync(IReadOnlyCollection<QueueMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        // A batch's span links to each message's creation context (the messaging conventions for batches).
        using var activity = WorkQueueTelemetry.Source.StartActivity($"send {Name}", ActivityKind.Producer, parentContext: default, links: LinksOf(messages));
        activity?.SetTag(MessagingAttributes.System, messagingSystem);
        activity?.SetTag(MessagingAttributes.DestinationName, Name);
        activity?.SetTag(MessagingAttributes.OperationName, "send");
        activity?.SetTag(MessagingAttributes.OperationType, "send");
        if (messages.Count == 1)
        {
            activity?.SetTag(MessagingAttributes.MessageId, messages.First().MessageId);
        }
        else
        {
            activity?.SetTag(MessagingAttributes.BatchMessageCount, messages.Count);
        }

        try
        {
            await inner.SendAsync(messages, cancellationToken);
            telemetry.SentMessages.Add(messages.Count, WorkQueueTelemetry.Tags(messagingSystem, Name, "send"));
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.SetTag(MessagingAttributes.ErrorType, ex.GetType().FullName);
            telemetry.SentMessages.Add(messages.Count, WorkQueueTelemetry.Tags(messagingSystem, Name, "send", ex.GetType().FullName));
            throw;
        }
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var received = await inner.ReceiveAsync(maxMessages, maxWait, cancellationToken);
        CountConsumed(received.Count, Name);
        return received;
    }

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default) =>
        SettleAsync("complete", message, () => inner.CompleteAsync(message, cancellationToken));

    public Task AbandonAsync(ReceivedMessage message, TimeSpan retryDelay = default, CancellationToken cancellationToken = default) =>
        SettleAsync("abandon", message, () => inner.AbandonAsync(message, retryDelay, cancellationToken));

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default) =>
        SettleAsync("dead_letter", message, () => inner.DeadLetterAsync(message, reason, description, cancellationToken));

    public Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default) =>
        inner.RenewLockAsync(message, cancellationToken);

    public Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(int maxMessages, long? fromSequenceNumber = null, CancellationToken cancellationToken = default) =>
        inner.PeekDeadLettersAsync(maxMessages, fromSequenceNumber, cancellationToken);

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveDeadLettersAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var received = await inner.ReceiveDeadLettersAsync(maxMessages, maxWait, cancellationToken);
        CountConsumed(received.Count, DeadLetterDestination);
        return received;
    }

    public Task<bool> ResubmitDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken = default) =>
        inner.ResubmitDeadLetterAsync(sequenceNumber, cancellationToken);

    public Task ResubmitDeadLetterAsync(ReceivedMessage deadLetter, CancellationToken cancellationToken = default) =>
        inner.ResubmitDeadLetterAsync(deadLetter, cancellationToken);

    public Task<int> PurgeDeadLettersAsync(CancellationToken cancellationToken = default) =>
        inner.PurgeDeadLettersAsync(cancellationToken);

    public Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken = default) =>
        inner.GetCountsAsync(cancellationToken);

    private void CountConsumed(int count, string destination)
    {
        if (count > 0)
        {
            telemetry.ConsumedMessages.Add(count, WorkQueueTelemetry.Tags(messagingSystem, destination, "receive"));
        }
    }

    private async Task SettleAsync(string operation, ReceivedMessage message, Func<Task> settle)
    {
        ArgumentNullException.ThrowIfNull(message);
        var destination = message.SubQueue == SubQueue.DeadLetter ? DeadLetterDestination : Name;
        try
        {
            await settle();
            telemetry.SettledMessages.Add(1, WorkQueueTelemetry.Tags(messagingSystem, destination, operation));
        }
        catch (Exception ex)
        {
            // A lost lock shows up here as error.type, the signal of handlers slower than the lock duration.
            telemetry.SettledMessages.Add(1, WorkQueueTelemetry.Tags(messagingSystem, destination, operation, ex.GetType().FullName));
            throw;
        }
    }

    private static List<ActivityLink>? LinksOf(IReadOnlyCollection<QueueMessage> messages) =>
        messages.Count < 2 ? null : messages
            .Select(m => m.ApplicationProperties.TryGetValue("traceparent", out var traceParent)
                && ActivityContext.TryParse(traceParent, null, isRemote: false, out var context) ? context : default)
            .Where(context => context != default)
            .Select(context => new ActivityLink(context))
            .ToList();
}
