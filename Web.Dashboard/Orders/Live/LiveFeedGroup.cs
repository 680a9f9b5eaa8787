namespace EdaAspire.Web.Dashboard.Orders.Live;

/// <summary>
/// The consumer group of this dashboard process's live feed. Its own group per process (pub/sub, not competing
/// consumers): every replica must see every event to push it to its own circuits. Host name and process id
/// tell replicas apart, in containers (where every process may be pid 1) by the host name.
/// </summary>
public sealed record LiveFeedGroup(string Id)
{
    public const string Prefix = "dashboard-";

    public static LiveFeedGroup ForThisProcess() =>
        new($"{Prefix}{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}");
}
