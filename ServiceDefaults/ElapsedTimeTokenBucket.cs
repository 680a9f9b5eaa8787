using System.Threading.RateLimiting;

namespace EdaAspire.ServiceDefaults;

/// <summary>
/// A token bucket that refills from the time elapsed, read from <see cref="TimeProvider"/> at each request. The
/// runtime's <see cref="TokenBucketRateLimiter"/> adds a whole period's tokens on a timer tick and forgets the time a
/// late tick lost, so what it lets through depends on a timer's punctuality on a busy thread pool, under exactly the
/// overload a limiter is for. No queue: a request gets a permit now or is refused (the ingestion API's 429 with
/// Retry-After, a root span the <see cref="TracesPerSecondSampler"/> does not record).
/// </summary>
public sealed class ElapsedTimeTokenBucket(double permitsPerSecond, int burst, TimeProvider clock) : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true, null);

    private readonly Lock _gate = new();
    private double _tokensThen = burst; // the tokens left at _then, after that request took its permits
    private long _then = clock.GetTimestamp();
    private long _granted;
    private long _refused;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var fullFor = clock.GetElapsedTime(_then) - TimeSpan.FromSeconds((burst - _tokensThen) / permitsPerSecond);
                return fullFor >= TimeSpan.Zero ? fullFor : null;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)TokensAt(clock.GetTimestamp()),
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, burst);
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            var tokens = TokensAt(now);
            if (tokens < permitCount)
            {
                _refused++;
                return new Lease(false, TimeSpan.FromSeconds((permitCount - tokens) / permitsPerSecond));
            }

            _tokensThen = tokens - permitCount;
            _then = now;
            _granted++;
            return Granted;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private double TokensAt(long timestamp) =>
        Math.Min(burst, _tokensThen + (clock.GetElapsedTime(_then, timestamp).TotalSeconds * permitsPerSecond));

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
