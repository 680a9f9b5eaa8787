using System.Globalization;
using System.Text.RegularExpressions;

namespace EdaAspire.LoadTest.Measurement;

/// <summary>
/// CPU time of a process's threads grouped by kind, from /proc/&lt;pid&gt;/task/*/stat: the thread's name with its
/// numbers taken out, so librdkafka's <c>rdk:broker1</c>…<c>rdk:broker3</c> or .NET's thread-pool workers add up.
/// Says which machinery an idle process spends its CPU in without a profiler; threads that end in between are missed.
/// </summary>
public static partial class ThreadCpu
{
    private const double TicksPerSecond = 100;

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
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var kind = Digits().Replace(stat[(open + 1)..close], "#");
                var fields = stat[(close + 2)..].Split(' ');
                var seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                kinds[kind] = kinds.GetValueOrDefault(kind) + seconds;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The thread ended while it was being read.
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
