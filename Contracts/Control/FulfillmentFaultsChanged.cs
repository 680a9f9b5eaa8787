namespace EdaAspire.Contracts.Control;

/// <summary>
/// The failure injection the fulfillment simulators apply from now on, replacing whatever was set before (latest wins).
/// A simulator left out keeps its configured behaviour.
/// </summary>
public sealed record FulfillmentFaultsChanged(IReadOnlyList<SimulatorFaults> Simulators, DateTimeOffset ChangedAt) : IControlMessage;

/// <summary>One simulator's faults; rates are shares in [0, 1].</summary>
/// <param name="Simulator">Payment, Warehouse or Shipping (its settings section under <c>Fulfillment</c>).</param>
public sealed record SimulatorFaults(
    string Simulator,
    double PermanentFailureRate,
    double TransientFailureRate,
    double PoisonRate,
    int LatencyMilliseconds)
{
    public bool IsValid =>
        !string.IsNullOrWhiteSpace(Simulator)
        && PermanentFailureRate is >= 0 and <= 1
        && TransientFailureRate is >= 0 and <= 1
        && PoisonRate is >= 0 and <= 1
        && LatencyMilliseconds is >= 0 and <= 600_000;
}
