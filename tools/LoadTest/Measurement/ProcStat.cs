using System.Globalization;

namespace EdaAspire.LoadTest.Measurement;

/// <summary>
/// One process's or thread's <c>/proc/…/stat</c>: its name and the fields after it. The name (field 2) may hold spaces
/// and parentheses, so it is cut out by its last closing parenthesis; the fields after it have fixed positions.
/// </summary>
public sealed record ProcStat(string Name, IReadOnlyList<string> Fields)
{
    // /proc reports in USER_HZ, which the kernel's ABI fixes at 100 per second.
    private const double TicksPerSecond = 100;

    /// <summary>Field 3: R, S, D, Z (a zombie waiting for its parent), …</summary>
    public char State => Fields[0][0];

    /// <summary>Field 4.</summary>
    public int ParentPid => int.Parse(Fields[1], CultureInfo.InvariantCulture);

    /// <summary>CPU used since start, user + system (fields 14 and 15).</summary>
    public double CpuSeconds =>
        (long.Parse(Fields[11], CultureInfo.InvariantCulture) + long.Parse(Fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;

    /// <returns>The process's stat, or null if it is gone.</returns>
    public static ProcStat? Of(int pid) => Read($"/proc/{pid}/stat");

    /// <returns>The stat file at <paramref name="path"/>, or null if its process or thread is gone.</returns>
    public static ProcStat? Read(string path)
    {
        try
        {
            var stat = File.ReadAllText(path);
            var close = stat.LastIndexOf(')');
            // A thread that ends while its file is read can leave it empty.
            return close < 0 ? null : new ProcStat(stat[(stat.IndexOf('(') + 1)..close], stat[(close + 2)..].Split(' '));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
