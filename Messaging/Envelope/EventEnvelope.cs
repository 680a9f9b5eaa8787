using System.Diagnostics;

namespace EdaAspire.Messaging.Envelope;

/// <summary>
/// A CloudEvents 1.0 event in binary mode: attributes travel as transport headers, <see cref="Data"/> is the
/// JSON body. Correlation and causation ids are CloudEvents extensions.
/// </summary>
public sealed record EventEnvelope(
    string Id,
    string Type,
    string Source,
    DateTimeOffset Time,
    ReadOnlyMemory<byte> Data)
{
    public const string SpecVersion = "1.0";
    public const string JsonContentType = "application/json";

    public string? Subject { get; init; }

    public string DataContentType { get; init; } = JsonContentType;

    public string? CorrelationId { get; init; }

    public string? CausationId { get; init; }

    /// <summary>The W3C trace context the event was produced in (default when it carried none).</summary>
    public ActivityContext Trace { get; init; }
}
