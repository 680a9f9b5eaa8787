namespace EdaAspire.ReadModels.Clickstream;

/// <summary>One browsing session: when it was first and last seen (event time, UTC) and how much it did.</summary>
public sealed class SessionActivity
{
    public const int MaxIdLength = 128;

    public required string SessionId { get; set; }

    public string? UserId { get; set; }

    public DateTime FirstSeen { get; set; }

    public DateTime LastSeen { get; set; }

    public long EventCount { get; set; }
}
