using EdaAspire.WorkQueue;

namespace EdaAspire.WorkQueueTests.ServiceBusEmulator;

/// <summary>
/// Gives one test's message ids a prefix on the way in and takes it off on the way out, so tests that share an emulator
/// queue (and its duplicate-detection history) do not drop each other's messages. Everything else passes through.
/// </summary>
internal sealed class PrefixedIds(IWorkQueue inner, string prefix) : IWorkQueue
{
    public string Name => inner.Name;

    public bool SupportsScheduling => inner.SupportsScheduling;

    public Task SendAsync(QueueMessage message, CancellationToken cancellationToken = default) =>
        inner.SendAsync(In(message), cancellationToken);

    public Task SendAsync(IReadOnlyCollection<QueueMessage> messages, CancellationToken cancellationToken = default) =>
        inner.SendAsync(messages.Select(In).ToList(), cancellationToken);

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        Out(await inner.ReceiveAsync(maxMessages, maxWait, cancellationToken));

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default) => inner.CompleteAsync(message, cancellationToken);

    public Task AbandonAsync(ReceivedMessage message, TimeSpan retryDelay = default, CancellationToken cancellationToken = default) =>
        inner.AbandonAsync(message, retryDelay, cancellationToken);

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default) =>
        inner.DeadLetterAsync(message, reason, description, cancellationToken);

    public Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default) => inner.RenewLockAsync(message, cancellationToken);

    public async Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(int maxMessages, long? fromSequenceNumber = null, CancellationToken cancellationToken = default) =>
        Out(await inner.PeekDeadLettersAsync(maxMessages, fromSequenceNumber, cancellationToken));

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveDeadLettersAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        Out(await inner.ReceiveDeadLettersAsync(maxMessages, maxWait, cancellationToken));

    public Task<bool> ResubmitDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken = default) => inner.ResubmitDeadLetterAsync(sequenceNumber, cancellationToken);

    public Task ResubmitDeadLetterAsync(ReceivedMessage deadLetter, CancellationToken cancellationToken = default) => inner.ResubmitDeadLetterAsync(deadLetter, cancellationToken);

    public Task<int> PurgeDeadLettersAsync(CancellationToken cancellationToken = default) => inner.PurgeDeadLettersAsync(cancellationToken);

    public Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken = default) => inner.GetCountsAsync(cancellationToken);

    // An empty or over-long id stays as it is: the adapter must refuse it as sent.
    private QueueMessage In(QueueMessage message) =>
        string.IsNullOrWhiteSpace(message.MessageId) || message.MessageId.Length > 100 ? message : message with { MessageId = prefix + message.MessageId };

    private List<ReceivedMessage> Out(IReadOnlyList<ReceivedMessage> messages) =>
        messages.Select(m => m.MessageId.StartsWith(prefix, StringComparison.Ordinal) ? m with { MessageId = m.MessageId[prefix.Length..] } : m).ToList();
}
