namespace EdaAspire.Contracts.Control;

/// <summary>
/// Empty a projection's read model and replay its topic into it: from the start, or from <see cref="FromOffset"/> on
/// every partition (a read model of what happened since). Applied once, by whichever worker gets there first.
/// </summary>
/// <param name="Projection">The projection's name, e.g. <c>clickstream</c> or <c>orders</c>.</param>
public sealed record ProjectionRebuildRequested(string RequestId, string Projection, long? FromOffset, DateTimeOffset RequestedAt) : IControlMessage;
