using EdaAspire.Contracts.Catalog;
using EdaAspire.Contracts.Orders;
using EdaAspire.WorkQueue;

namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>Everything the overview shows at one moment; the sampler takes one every few seconds.</summary>
/// <param name="LogEnd">The sum of the high watermarks of the watched topics: events ingested so far.</param>
/// <param name="Projected">The sum of the projecting groups' committed offsets: events projected so far.</param>
/// <param name="IngestedPerSecond">Since the previous sample; 0 for the first.</param>
/// <param name="OutboxBacklog">Null when the saga is not referenced or did not answer.</param>
/// <param name="Queue">Null when the dashboard has no work queue configured, or it did not answer.</param>
/// <param name="Admission">Whether ingestion refuses new orders and why; null when it is not referenced or did not answer.</param>
/// <param name="Capture">The change-data-capture connector's lag; null when it is not referenced or did not answer.</param>
public sealed record OverviewSample(
    DateTimeOffset At,
    long LogEnd,
    long Projected,
    double IngestedPerSecond,
    double ProjectedPerSecond,
    IReadOnlyList<GroupLag> Lag,
    long? OutboxBacklog,
    QueueCounts? Queue,
    IReadOnlyList<HealthEntry> Health,
    AdmissionStatus? Admission = null,
    CaptureStatus? Capture = null)
{
    public long TotalLag => Lag.Sum(g => g.Lag);

    /// <summary>Rates from the previous sample: counts that went backwards (a rebuild resets offsets) count as zero.</summary>
    public OverviewSample WithRatesSince(OverviewSample? previous)
    {
        if (previous is null || At <= previous.At)
        {
            return this;
        }

        var seconds = (At - previous.At).TotalSeconds;
        return this with
        {
            IngestedPerSecond = Math.Max(0, LogEnd - previous.LogEnd) / seconds,
            ProjectedPerSecond = Math.Max(0, Projected - previous.Projected) / seconds,
        };
    }
}

/// <summary>One line of a trend chart: its name and how to read it from a sample.</summary>
public sealed record TrendLine(string Name, Func<OverviewSample, double> Value);
