namespace EdaAspire.IntegrationTests.Observability;

/// <summary>
/// One span as the assertions and the printed tree need it, captured in process from an Activity. Ids are lower-case
/// hex, as W3C trace context writes them.
/// </summary>
public sealed record TraceSpan(
    string Service,
    string Scope,
    string Name,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    SpanKind Kind,
    DateTimeOffset Start,
    TimeSpan Duration,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> LinkedSpanIds)
{
    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);

    /// <summary>Consumer spans carry their group, the only way to tell the saga's copy from the projections'.</summary>
    public string Label => Attribute("messaging.consumer.group.name") is { } group ? $"{Name} [{group}]" : Name;
}

/// <summary>OTLP's span kinds (same numbers as its enum).</summary>
public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
