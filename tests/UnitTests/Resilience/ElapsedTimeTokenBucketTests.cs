using System.Threading.RateLimiting;
using EdaAspire.ServiceDefaults;
using Microsoft.Extensions.Time.Testing;

namespace EdaAspire.UnitTests.Resilience;

/// <summary>The token bucket's arithmetic (the per-client rate limit, the trace sampler), on a fake clock: a burst, then the rate, whenever the time is read.</summary>
public sealed class ElapsedTimeTokenBucketTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_full_bucket_grants_the_burst_then_refuses_with_the_time_until_the_next_token()
    {
        using var bucket = new ElapsedTimeTokenBucket(permitsPerSecond: 10, burst: 3, _time);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(bucket.AttemptAcquire().IsAcquired));
        using var refused = bucket.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(100), retryAfter);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.False(bucket.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void A_client_at_its_rate_is_never_refused_however_unevenly_time_passes_between_requests()
    {
        using var bucket = new ElapsedTimeTokenBucket(permitsPerSecond: 1000, burst: 2000, _time);
        Assert.True(bucket.AttemptAcquire(2000).IsAcquired); // start empty

        // 500 requests a second on average, in gaps from 1 ms to 3 s: a late timer tick lost no time here.
        var (sent, refused) = (0, 0);
        foreach (var gap in Enumerable.Range(0, 400).Select(i => TimeSpan.FromMilliseconds(i % 7 == 0 ? 3000 : 1 + (i % 5))))
        {
            _time.Advance(gap);
            var requests = (int)(gap.TotalSeconds * 500);
            sent += requests;
            refused += Enumerable.Range(0, requests).Count(_ => !bucket.AttemptAcquire().IsAcquired);
        }

        Assert.Equal(0, refused);
        Assert.Equal(sent + 1, bucket.GetStatistics().TotalSuccessfulLeases);
    }

    [Fact]
    public void Over_its_rate_a_client_gets_the_rate_and_no_more()
    {
        using var bucket = new ElapsedTimeTokenBucket(permitsPerSecond: 100, burst: 50, _time);
        Assert.True(bucket.AttemptAcquire(50).IsAcquired);

        var granted = 0;
        for (var tick = 0; tick < 1000; tick++) // 10 s, 3 requests every 10 ms: 300/s against 100/s
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            granted += Enumerable.Range(0, 3).Count(_ => bucket.AttemptAcquire().IsAcquired);
        }

        Assert.Equal(1000, granted);
        Assert.Equal(2000, bucket.GetStatistics().TotalFailedLeases);
    }

    [Fact]
    public void The_bucket_reports_idle_only_once_it_has_refilled_so_the_partitioned_limiter_can_drop_it()
    {
        using var bucket = new ElapsedTimeTokenBucket(permitsPerSecond: 10, burst: 10, _time);
        Assert.True(bucket.AttemptAcquire(5).IsAcquired);

        _time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Null(bucket.IdleDuration);
        Assert.Equal(9, bucket.GetStatistics().CurrentAvailablePermits);

        _time.Advance(TimeSpan.FromMilliseconds(1600));
        Assert.Equal(TimeSpan.FromSeconds(1.5), bucket.IdleDuration);
        Assert.Equal(10, bucket.GetStatistics().CurrentAvailablePermits);
    }
}
