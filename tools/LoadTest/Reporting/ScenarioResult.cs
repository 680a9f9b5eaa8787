using EdaAspire.LoadTest.Measurement;

namespace EdaAspire.LoadTest.Reporting;

/// <summary>What one scenario measured, with how busy the machine was before and after it.</summary>
public sealed record ScenarioResult(
    string Name,
    DateTimeOffset StartedAt,
    MachineLoad LoadBefore,
    MachineLoad LoadAfter,
    IReadOnlyList<Metric> Metrics,
    IReadOnlyList<ProcessPeak> Memory,
    IReadOnlyList<string> Notes)
{
    public double? Value(string metric) => Metrics.FirstOrDefault(m => m.Name == metric)?.Value;
}

public sealed record Metric(string Name, double Value, string Unit);
