namespace EdaAspire.Web.Dashboard.Orders.Live;

/// <summary>How an open page turns pushes into re-reads of the read model (<c>Dashboard:LiveRefresh</c>).</summary>
public sealed class LiveRefreshOptions
{
    public const string SectionName = "Dashboard:LiveRefresh";

    /// <summary>
    /// After the first push, how long to gather more before re-reading: a burst becomes one refresh, at most
    /// four a second. It also gives Projections.Worker, which reads the same event, time to write it.
    /// </summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>When the read model did not have a pushed event yet, the one retry comes this much later.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// With no push for this long, re-read anyway. Not polling for changes — pushes do that — but resilience:
    /// it recovers from a push that never came (feed reconnecting, a notification dropped, an event projected
    /// after its retry).
    /// </summary>
    public TimeSpan FallbackInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Up to this many pushes in one round are checked against the read model; a bigger burst just refreshes.</summary>
    public int MaxCheckedUpdates { get; set; } = 200;
}
