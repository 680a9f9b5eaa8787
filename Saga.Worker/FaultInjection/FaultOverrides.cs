using System.Globalization;
using EdaAspire.Contracts.Control;
using EdaAspire.Saga.Worker.Fulfillment;

namespace EdaAspire.Saga.Worker.FaultInjection;

/// <summary>
/// The operator's failure injection as a configuration layer above every other: the simulators read their
/// <see cref="SimulatorOptions"/> through <c>IOptionsMonitor</c>, so a reload here reaches the next command with no
/// other wiring. Each change replaces the last one whole (latest wins); a simulator it leaves out falls back to its
/// configured settings.
/// </summary>
public sealed class FaultOverrides : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Apply(FulfillmentFaultsChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var faults in change.Simulators.Where(f => f.IsValid))
        {
            var section = $"{FulfillmentOptions.SectionName}:{faults.Simulator}:";
            data[section + nameof(SimulatorOptions.PermanentFailureRate)] = Text(faults.PermanentFailureRate);
            data[section + nameof(SimulatorOptions.TransientFailureRate)] = Text(faults.TransientFailureRate);
            data[section + nameof(SimulatorOptions.PoisonRate)] = Text(faults.PoisonRate);
            data[section + nameof(SimulatorOptions.Latency)] = TimeSpan.FromMilliseconds(faults.LatencyMilliseconds).ToString("c", CultureInfo.InvariantCulture);
        }

        Data = data;
        OnReload();
    }

    private static string Text(double rate) => rate.ToString("R", CultureInfo.InvariantCulture);
}
