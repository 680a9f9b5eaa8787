using System.Globalization;

namespace EdaAspire.LoadTest.Measurement;

/// <summary>CPU time a process has used (user + system), from /proc/&lt;pid&gt;/stat.</summary>
public static class ProcessCpu
{
    // /proc reports in USER_HZ, which the kernel's ABI fixes at 100 per second.
    private const double TicksPerSecond = 100;

    /// <returns>Seconds of CPU since the process started, or null if it is gone.</returns>
    public static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of the whole line, so 11 and 12 counting from field 3.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
