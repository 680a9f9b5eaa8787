namespace EdaAspire.LoadTest.Scenarios;

/// <summary>Orders in flight (sent, no answer yet) and placed (accepted, not yet finished), with when each was sent.</summary>
internal sealed class OrderBook
{
    private readonly Dictionary<long, DateTimeOffset> _sending = [];
    private readonly Dictionary<Guid, DateTimeOffset> _pending = [];
    private readonly HashSet<Guid> _finished = [];
    private readonly Lock _gate = new();

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count + _sending.Count;
            }
        }
    }

    public void Sending(long sequence, DateTimeOffset sentAt)
    {
        lock (_gate)
        {
            _sending[sequence] = sentAt;
        }
    }

    public void Sent(long sequence)
    {
        lock (_gate)
        {
            _sending.Remove(sequence);
        }
    }

    public void Placed(Guid orderId, DateTimeOffset sentAt)
    {
        lock (_gate)
        {
            if (!_finished.Contains(orderId))
            {
                _pending[orderId] = sentAt;
            }
        }
    }

    /// <returns>When the order was sent, the first time it is seen finished; otherwise null.</returns>
    public DateTimeOffset? Finish(Guid orderId)
    {
        lock (_gate)
        {
            if (_pending.Remove(orderId, out var sentAt))
            {
                _finished.Add(orderId);
                return sentAt;
            }

            return null;
        }
    }

    public DateTimeOffset? OldestOutstanding()
    {
        lock (_gate)
        {
            var times = _pending.Values.Concat(_sending.Values);
            return times.Any() ? times.Min() : null;
        }
    }
}
