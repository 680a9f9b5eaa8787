namespace EdaAspire.LoadTest.Measurement;

/// <summary>
/// Samples the resident set of each process while a scenario runs, so each scenario gets its own peak even when
/// processes outlive it; VmHWM (the kernel's own peak since start) is read at the end as well, and the CPU time each
/// process used during the scenario (what an order or an event costs, whichever process pays).
/// </summary>
public sealed class MemoryWatch : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, int> _processes;
    private readonly Dictionary<string, double> _peakSampled = [];
    private Dictionary<string, double?> _cpuAtStart;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemoryWatch(IReadOnlyDictionary<string, int> processes)
    {
        _processes = processes;
        _cpuAtStart = CpuNow();
        _loop = Task.Run(SampleAsync);
    }

    /// <summary>The CPU reported from here on; the memory peaks keep counting from the start.</summary>
    public void RestartCpu() => _cpuAtStart = CpuNow();

    public async Task<IReadOnlyList<ProcessPeak>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _processes
            .Select(p => new ProcessPeak(
                p.Key,
                p.Value,
                _peakSampled.GetValueOrDefault(p.Key),
                ProcessMemory.PeakMegabytes(p.Value),
                ProcStat.Of(p.Value)?.CpuSeconds - _cpuAtStart[p.Key]))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    private Dictionary<string, double?> CpuNow() => _processes.ToDictionary(p => p.Key, p => ProcStat.Of(p.Value)?.CpuSeconds);

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var (name, pid) in _processes)
            {
                if (ProcessMemory.CurrentMegabytes(pid) is { } now && now > _peakSampled.GetValueOrDefault(name))
                {
                    _peakSampled[name] = now;
                }
            }

            try
            {
                await Task.Delay(250, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

/// <summary>
/// One process's peak resident set (sampled during the scenario, and the kernel's peak since it started) and the CPU
/// seconds it used during the scenario.
/// </summary>
public sealed record ProcessPeak(string Name, int Pid, double SampledPeakMegabytes, double? HighWaterMegabytes, double? CpuSeconds);
