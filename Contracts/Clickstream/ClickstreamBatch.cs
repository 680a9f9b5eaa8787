namespace EdaAspire.Contracts.Clickstream;

/// <summary>The body of <c>POST /api/clickstream</c>.</summary>
public sealed record ClickstreamBatch(IReadOnlyList<ClickEvent?>? Events);

/// <summary>The answer once the broker acknowledged every event of a batch.</summary>
public sealed record ClickstreamAccepted(int Accepted);
