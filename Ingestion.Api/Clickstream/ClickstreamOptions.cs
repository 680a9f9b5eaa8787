namespace EdaAspire.Ingestion.Api.Clickstream;

public sealed class ClickstreamOptions
{
    /// <summary>A full batch of 1,000 events fits comfortably; larger bodies get 413.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Clock skew tolerated on client timestamps.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);
}
