using System.Diagnostics;

namespace EdaAspire.Messaging.Telemetry;

/// <summary>W3C trace-context formatting (https://www.w3.org/TR/trace-context/).</summary>
public static class TraceContext
{
    public static string FormatTraceParent(ActivityContext context) =>
        $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";
}
