using System.ComponentModel.DataAnnotations;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// How one simulated downstream system behaves (named options, section <c>Fulfillment:&lt;simulator&gt;</c>).
/// Read per message through <c>IOptionsMonitor</c>, so a change (the dashboard's, later) applies to the next command.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>How long the call to the system takes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Share of forward steps the system refuses for good (declined, unavailable, failed); compensations are never refused.</summary>
    [Range(0.0, 1.0)]
    public double PermanentFailureRate { get; set; } = 0.05;

    /// <summary>Share of deliveries that fail for a moment and are retried with backoff; drawn anew on every delivery.</summary>
    [Range(0.0, 1.0)]
    public double TransientFailureRate { get; set; } = 0.1;

    /// <summary>Share of commands that can never be handled and go to the dead-letter queue.</summary>
    [Range(0.0, 1.0)]
    public double PoisonRate { get; set; } = 0.01;
}
