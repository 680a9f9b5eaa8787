namespace EdaAspire.ReadModels.Clickstream;

/// <summary>How many clickstream events of each type were seen: the funnel's view / cart / checkout steps.</summary>
public sealed class EventTypeCount
{
    public required string Type { get; set; }

    public long Count { get; set; }
}
