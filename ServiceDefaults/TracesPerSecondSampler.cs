using System.Diagnostics.CodeAnalysis;
using OpenTelemetry.Trace;

namespace EdaAspire.ServiceDefaults;

/// <summary>
/// Starts at most <c>tracesPerSecond</c> new traces a second (a burst of as many), each recorded whole: wrapped in a
/// <see cref="ParentBasedSampler"/>, it decides only for root spans, and every span below follows its root, across
/// services. At demo rates every order is one whole trace, as with <c>always_on</c>; under load the traces kept stay
/// at that rate, so recording and exporting spans stops growing with the load. OpenTelemetry .NET's SDK has no such
/// sampler (the contrib package that does is not served here).
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The bucket holds no resource to release; the SDK never disposes samplers.")]
public sealed class TracesPerSecondSampler : Sampler
{
    private static readonly SamplingResult Recorded = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Dropped = new(SamplingDecision.Drop);

    private readonly ElapsedTimeTokenBucket _bucket;

    public TracesPerSecondSampler(double tracesPerSecond, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tracesPerSecond);
        _bucket = new ElapsedTimeTokenBucket(tracesPerSecond, burst: (int)Math.Ceiling(tracesPerSecond), clock);
        Description = FormattableString.Invariant($"TracesPerSecondSampler{{{tracesPerSecond}}}");
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        using var lease = _bucket.AttemptAcquire();
        return lease.IsAcquired ? Recorded : Dropped;
    }
}
