using EdaAspire.Contracts;

namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>What the overview samples and how often (<c>Dashboard:Overview</c>).</summary>
public sealed class OverviewOptions
{
    public const string SectionName = "Dashboard:Overview";

    /// <summary>
    /// How often the sampler reads offsets, counts and health. Polling, because none of these announce changes:
    /// Kafka has no event for "a group committed", the queue none for "its depth changed".
    /// </summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How much history the charts show; older samples fall out of the ring buffer.</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bound on each Kafka, SQL or HTTP call of one sample, so one slow dependency cannot stall the others.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The consumer groups whose lag is shown, with the topics each reads (names from Projections.Worker, Notifications.Worker and Saga.Worker).</summary>
    public List<WatchedGroup> Groups { get; set; } =
    [
        new("projections", [Topics.Clickstream], Projects: true),
        new("projections-orders", [Topics.Orders], Projects: true),
        new("saga", [Topics.Orders]),
        new("archive", [Topics.Clickstream, Topics.Orders]),
        new("notifications-email", [Topics.Orders]),
        new("notifications-sms", [Topics.Orders]),
        new("notifications-webhook", [Topics.Orders]),
    ];

    /// <summary>Services with an HTTP <c>/health</c>, by their service-discovery name (<c>http://name</c>).</summary>
    public List<string> HttpServices { get; set; } = ["ingestion"];

    /// <summary>Samples kept: the history at the sample interval.</summary>
    public int Capacity => Math.Max(2, (int)Math.Ceiling(History / SampleInterval));
}

/// <param name="Projects">Its committed offsets count as "projected" events.</param>
public sealed record WatchedGroup(string Name, IReadOnlyList<string> Topics, bool Projects = false);
