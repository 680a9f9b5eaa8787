using System.Collections.Concurrent;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// How far this process's broadcast subscriptions have read: a topic is caught up once each of its partitions was read to
/// the end it had when the subscription started. A process that rebuilds a copy from a topic reports ready on it.
/// </summary>
public sealed class BroadcastProgress
{
    private readonly ConcurrentDictionary<string, TopicProgress> _topics = new(StringComparer.Ordinal);

    /// <summary>The subscription knows its partitions and their watermarks (low, high) as of its start.</summary>
    public void Start(string topic, IEnumerable<(int Partition, long Low, long High)> watermarks)
    {
        ArgumentNullException.ThrowIfNull(watermarks);
        var ends = watermarks.ToList();
        _topics[topic] = new TopicProgress(ends.Count, ends.Where(w => w.High > w.Low).ToDictionary(w => w.Partition, w => w.High));
    }

    /// <summary>The subscription's next offset to read in <paramref name="partition"/>.</summary>
    public void Advance(string topic, int partition, long next)
    {
        if (_topics.TryGetValue(topic, out var progress))
        {
            progress.Advance(partition, next);
        }
    }

    public bool IsCaughtUp(string topic) => _topics.TryGetValue(topic, out var progress) && progress.Pending == 0;

    /// <summary>Where the subscription is, in words an operator reads in a health report.</summary>
    public string Describe(string topic) => _topics.TryGetValue(topic, out var progress)
        ? $"{progress.Partitions - progress.Pending} of {progress.Partitions} partitions of '{topic}' read to their end as of start"
        : $"'{topic}' not assigned yet";

    private sealed class TopicProgress(int partitions, Dictionary<int, long> pendingEnds)
    {
        private readonly Lock _gate = new();

        public int Partitions => partitions;

        public int Pending
        {
            get
            {
                lock (_gate)
                {
                    return pendingEnds.Count;
                }
            }
        }

        public void Advance(int partition, long next)
        {
            lock (_gate)
            {
                if (pendingEnds.TryGetValue(partition, out var end) && next >= end)
                {
                    pendingEnds.Remove(partition);
                }
            }
        }
    }
}
