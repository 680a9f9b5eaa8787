namespace EdaAspire.Contracts.Clickstream;

/// <summary>One thing a shopper did on the site. Produced to <see cref="Topics.Clickstream"/> keyed by session.</summary>
public sealed record ClickEvent(
    string Type,
    string SessionId,
    string? UserId,
    string? ProductId,
    string? Query,
    string Url,
    DateTimeOffset Timestamp);
