namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>
/// How a worker is doing, judged from the outside by its consumer groups' offsets (the mock cluster, like
/// some managed Kafkas, does not list group members): keeping up when it has no lag or its commits moved within the
/// window; stalled when it has lag and its commits stood still for the whole window.
/// </summary>
public static class WorkerHealth
{
    /// <summary>Samples a stall must last: at the default interval, about ten seconds.</summary>
    public const int Window = 5;

    /// <param name="recent">Lag per sample, oldest first, the current one last.</param>
    public static HealthEntry Of(string service, IReadOnlyCollection<string> groups, IReadOnlyList<IReadOnlyList<GroupLag>> recent)
    {
        ArgumentNullException.ThrowIfNull(recent);
        var window = recent.TakeLast(Window).Select(lag => lag.Where(g => groups.Contains(g.Group)).ToList()).ToList();
        if (window.Count == 0 || window[^1].Count == 0)
        {
            return new HealthEntry(service, "service", HealthState.Unknown, "no offsets read yet");
        }

        var now = window[^1];
        var lag = now.Sum(g => g.Lag);
        if (lag == 0)
        {
            return new HealthEntry(service, "service", HealthState.Healthy, $"caught up ({string.Join(", ", groups)})");
        }

        var committed = now.Sum(g => g.Committed);
        var moved = window.Count < Window || window.Any(sample => sample.Sum(g => g.Committed) != committed);
        return moved
            ? new HealthEntry(service, "service", HealthState.Healthy, $"consuming, {lag:N0} behind")
            : new HealthEntry(service, "service", HealthState.Unhealthy, $"stalled: {lag:N0} behind and no commit for {Window} samples");
    }
}
