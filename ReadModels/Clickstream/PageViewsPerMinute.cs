namespace EdaAspire.ReadModels.Clickstream;

/// <summary>Page views counted per minute of event time (UTC).</summary>
public sealed class PageViewsPerMinute
{
    public DateTime Minute { get; set; }

    public long Views { get; set; }
}
