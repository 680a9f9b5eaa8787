namespace EdaAspire.Web.Dashboard.Overview;

public enum HealthState
{
    Healthy,
    Degraded,
    Unhealthy,
    Unknown,
}

/// <summary>One service or dependency as the overview last saw it.</summary>
/// <param name="Kind">"service" (a process of ours) or "dependency" (Kafka, a database, the queue).</param>
public sealed record HealthEntry(string Name, string Kind, HealthState State, string Detail);
