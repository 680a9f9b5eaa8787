using System.Globalization;

namespace EdaAspire.Tests.Aspire;

/// <summary>The children of a process, read from /proc (Linux, where these tests run).</summary>
public static class ChildProcesses
{
    public static IReadOnlyList<int> Of(int parent)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && ParentOf(dir) == parent)
            {
                children.Add(pid);
            }
        }

        return children;
    }

    private static int? ParentOf(string procDir)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText(Path.Combine(procDir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null; // ended meanwhile
        }
    }
}
