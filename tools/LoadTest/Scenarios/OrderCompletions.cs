using System.Collections.Concurrent;
using EdaAspire.LoadTest.Measurement;

namespace EdaAspire.LoadTest.Scenarios;

/// <summary>What the saga scenario learns of each order it sees finished in the read model.</summary>
internal sealed class OrderCompletions
{
    // The saga's reason for an order whose step outlived its deadline ("Payment timed out", …): a backlog admission
    // control is there to prevent, or a command the queue dead-lettered (the simulators' poison); other cancellations
    // are the simulated services' failures.
    private const string DeadlineReasonEnding = "timed out";
    public const string CancelledByDeadline = "Cancelled by a deadline";

    private readonly ConcurrentQueue<DateTimeOffset> _times = new();

    /// <summary>From the send to the moment the tool first saw the order finished.</summary>
    public LatencySamples Client { get; } = new();

    /// <summary>The system's own <c>CompletedAt − PlacedAt</c>.</summary>
    public LatencySamples Internal { get; } = new();

    /// <summary>Orders by final status, and by <see cref="CancelledByDeadline"/>.</summary>
    public ConcurrentDictionary<string, int> Statuses { get; } = new(StringComparer.Ordinal);

    /// <summary>When each order was seen finished.</summary>
    public IReadOnlyList<DateTimeOffset> Times => [.. _times];

    public void Record(FinishedOrder order, DateTimeOffset sentAt, DateTimeOffset seenAt)
    {
        Client.Add(seenAt - sentAt);
        _times.Enqueue(seenAt);
        Statuses.AddOrUpdate(order.Status, 1, (_, n) => n + 1);
        if (order.CancelReason?.EndsWith(DeadlineReasonEnding, StringComparison.Ordinal) == true)
        {
            Statuses.AddOrUpdate(CancelledByDeadline, 1, (_, n) => n + 1);
        }

        if (order.CompletedAt is { } completedAt)
        {
            Internal.Add(completedAt - order.PlacedAt);
        }
    }
}
