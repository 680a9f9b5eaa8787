namespace EdaAspire.ChangeCapture.Worker;

/// <summary>What this connector process has published since it started, for <c>GET /api/capture</c>.</summary>
public sealed class CaptureProgress(TimeProvider clock)
{
    private long _published;
    private long _lastPublishedTicks;

    public long Published => Interlocked.Read(ref _published);

    public DateTimeOffset? LastPublishedAt =>
        Interlocked.Read(ref _lastPublishedTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Record(int changes)
    {
        Interlocked.Add(ref _published, changes);
        Interlocked.Exchange(ref _lastPublishedTicks, clock.GetUtcNow().UtcTicks);
    }
}
