using EdaAspire.WorkQueue;

namespace EdaAspire.Web.Dashboard.DeadLetters;

/// <summary>
/// The fulfillment queue's dead letters for the page: read a page of them without locking, resubmit one or all,
/// purge. Resubmitting all goes by sequence number, so letters that die again meanwhile are not resubmitted twice.
/// </summary>
public sealed class FulfillmentDeadLetters(IServiceProvider services)
{
    public const int PageSize = 50;

    /// <summary>Null when the dashboard has no work queue (<c>ConnectionStrings:messaging</c> not set).</summary>
    public IWorkQueue? Queue { get; } = services.GetService<IWorkQueue>();

    public async Task<DeadLetterPage> ReadAsync(long? fromSequenceNumber, CancellationToken cancellationToken)
    {
        var queue = Required();
        var total = await DeadLetteredAsync(queue, cancellationToken);
        var letters = await queue.PeekDeadLettersAsync(PageSize + 1, fromSequenceNumber, cancellationToken);
        return new DeadLetterPage(
            letters.Take(PageSize).Select(DeadLetter.From).ToList(),
            total,
            letters.Count > PageSize ? letters[PageSize].SequenceNumber : null);
    }

    private static async Task<long?> DeadLetteredAsync(IWorkQueue queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await queue.GetCountsAsync(cancellationToken)).DeadLettered;
        }
        catch (NotSupportedException)
        {
            return null; // Service Bus answers no counts over AMQP: the page lists what it can peek
        }
    }

    /// <returns>False when it was no longer there (resubmitted or purged by someone else).</returns>
    public Task<bool> ResubmitAsync(long sequenceNumber, CancellationToken cancellationToken) =>
        Required().ResubmitDeadLetterAsync(sequenceNumber, cancellationToken);

    /// <summary>Resubmits every dead letter there is now.</summary>
    /// <returns>How many went back to the queue.</returns>
    public async Task<int> ResubmitAllAsync(CancellationToken cancellationToken)
    {
        // All numbers first, then the resubmits: a letter that dies again meanwhile comes back with a new, higher
        // sequence number, and must not be picked up a second time by this pass.
        var queue = Required();
        var due = new List<long>();
        long? from = null;
        while (await queue.PeekDeadLettersAsync(PageSize, from, cancellationToken) is { Count: > 0 } letters)
        {
            due.AddRange(letters.Select(l => l.SequenceNumber));
            from = letters[^1].SequenceNumber + 1;
        }

        var resubmitted = 0;
        foreach (var sequenceNumber in due)
        {
            resubmitted += await queue.ResubmitDeadLetterAsync(sequenceNumber, cancellationToken) ? 1 : 0;
        }

        return resubmitted;
    }

    public Task<int> PurgeAsync(CancellationToken cancellationToken) => Required().PurgeDeadLettersAsync(cancellationToken);

    private IWorkQueue Required() => Queue ?? throw new InvalidOperationException(
        "The dashboard has no work queue: set ConnectionStrings:messaging to see and act on dead letters.");
}

/// <summary>One page of dead letters, the total, and where the next page starts (null: this is the last).</summary>
/// <param name="Total">Null when the broker reports no counts (Service Bus over AMQP).</param>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Letters, long? Total, long? NextSequenceNumber);
