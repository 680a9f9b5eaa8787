using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace EdaAspire.Tests.HostileInput;

/// <summary>
/// What every hostile-input suite does alike (ingestion's and the dashboard's, each compiling this file in): draw the
/// requests from a seed that is printed and replayed with HOSTILE_SEED, check a ProblemDetails answer, and sum up a run.
/// </summary>
public static partial class HostileRun
{
    /// <summary>HOSTILE_SEED when set, to replay a run; else a new seed.</summary>
    public static int Seed() =>
        Environment.GetEnvironmentVariable("HOSTILE_SEED") is { } fixedSeed ? int.Parse(fixedSeed, CultureInfo.InvariantCulture) : Random.Shared.Next();

    public static List<T> Sample<T>(Gen<T> generator, int count, int seed)
    {
        // Sizes 0–99 as FsCheck's runner would use them; the seed fixes every draw.
        const int Sizes = 100;
        return [.. Enumerable.Range(0, Sizes).SelectMany(size =>
            generator.Sample(count / Sizes, new Rnd((ulong)seed + (ulong)size), size))];
    }

    /// <summary>The answer is a ProblemDetails of its own status, with a title; <paramref name="what"/> says which request it answers.</summary>
    public static void AssertProblem(int status, string? mediaType, string body, string what)
    {
        Assert.True(mediaType == "application/problem+json", $"not a ProblemDetails: {what}");
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()), $"no title: {what}");
    }

    /// <summary>How many answers of each status, lowest first.</summary>
    public static string Statuses(IReadOnlyDictionary<int, int> statuses) =>
        string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"));

    /// <summary>How many requests of each kind of flaw, most first; the particulars (quoted values, numbers) left out.</summary>
    public static string FlawKinds(IEnumerable<string> flaws) =>
        string.Join("; ", flaws.GroupBy(flaw => Particulars().Replace(flaw, "#")).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} × {g.Count()}"));

    [GeneratedRegex(@"'[^']*'|\d[\d,]*")]
    private static partial Regex Particulars();
}
