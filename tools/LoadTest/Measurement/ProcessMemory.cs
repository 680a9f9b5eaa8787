using System.Globalization;

namespace EdaAspire.LoadTest.Measurement;

/// <summary>Resident memory of a process as Linux reports it in /proc/&lt;pid&gt;/status (kB), in MB.</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set since the process started (VmHWM), or null if it is gone.</summary>
    public static double? PeakMegabytes(int pid) => Read(pid, "VmHWM:");

    /// <summary>Resident set now (VmRSS), or null if it is gone.</summary>
    public static double? CurrentMegabytes(int pid) => Read(pid, "VmRSS:");

    private static double? Read(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var kb = line[field.Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }
}
