namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>
/// The last minutes of samples in a ring buffer, shared by every open overview page; a new sample is pushed to
/// them through <see cref="Sampled"/>, so pages never poll.
/// </summary>
public sealed class OverviewHistory(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<OverviewSample> _samples = new(capacity);

    /// <summary>Raised after each sample is added, on the sampler's thread: handlers must hand off to their own context.</summary>
    public event Action<OverviewSample>? Sampled;

    public int Capacity => capacity;

    public OverviewSample? Latest
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count == 0 ? null : _samples.Last();
            }
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<OverviewSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Adds the sample with its rates from the one before, dropping the oldest when full.</summary>
    public OverviewSample Add(OverviewSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        lock (_gate)
        {
            sample = sample.WithRatesSince(_samples.Count == 0 ? null : _samples.Last());
            if (_samples.Count == capacity)
            {
                _samples.Dequeue();
            }

            _samples.Enqueue(sample);
        }

        Sampled?.Invoke(sample);
        return sample;
    }
}
