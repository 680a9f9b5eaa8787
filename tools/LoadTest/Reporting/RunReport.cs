using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdaAspire.LoadTest.Measurement;

namespace EdaAspire.LoadTest.Reporting;

/// <summary>Everything one run measured, as written to artifacts/load/*.json.</summary>
public sealed record RunReport(
    DateTimeOffset Date,
    MachineInfo Machine,
    LoadTestOptions Options,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<TargetRow> Targets)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken);
    }
}

/// <summary>The machine a run was measured on.</summary>
public sealed record MachineInfo(int Cores, string Os, string Runtime, string Host, MachineLoad LoadAtStart)
{
    public static MachineInfo Now() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Environment.MachineName,
        MachineLoad.Now());
}
