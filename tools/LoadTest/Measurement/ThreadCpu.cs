using System.Text.RegularExpressions;

namespace EdaAspire.LoadTest.Measurement;

/// <summary>
/// CPU time of a process's threads grouped by kind, from /proc/&lt;pid&gt;/task/*/stat: the thread's name with its
/// numbers taken out, so librdkafka's <c>rdk:broker1</c>…<c>rdk:broker3</c> or .NET's thread-pool workers add up.
/// Says which machinery an idle process spends its CPU in without a profiler; threads that end in between are missed.
/// </summary>
public static partial class ThreadCpu
{
    /// <returns>Seconds of CPU per thread kind; empty if the process is gone.</returns>
    public static IReadOnlyDictionary<string, double> Seconds(int pid)
    {
        var kinds = new Dictionary<string, double>(StringComparer.Ordinal);
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return kinds;
        }

        foreach (var task in tasks)
        {
            // Null when the thread ended while it was being read.
            if (ProcStat.Read(Path.Combine(task, "stat")) is { } stat)
            {
                var kind = Digits().Replace(stat.Name, "#");
                kinds[kind] = kinds.GetValueOrDefault(kind) + stat.CpuSeconds;
            }
        }

        return kinds;
    }

    /// <summary>CPU seconds per thread kind between two readings of one process.</summary>
    public static IEnumerable<(string Kind, double Seconds)> Between(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after) =>
        after.Select(k => (k.Key, k.Value - before.GetValueOrDefault(k.Key)))
            .Where(k => k.Item2 > 0)
            .OrderByDescending(k => k.Item2);

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
