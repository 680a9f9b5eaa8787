using EdaAspire.EndToEndTests.Infrastructure;
using EdaAspire.Tests.Standalone;
using Xunit.Abstractions;

namespace EdaAspire.EndToEndTests;

/// <summary>The standalone host supervises its children: it reports one that dies and stops them all on SIGTERM.</summary>
public sealed class StandaloneHostTests(ITestOutputHelper output)
{
    private static readonly string[] Services = ["ingestion", "projections", "saga", "dashboard"];

    [Fact]
    public async Task Reports_a_child_that_dies_and_stops_every_child_on_sigterm()
    {
        await using var system = await StandaloneSystem.StartAsync();
        output.WriteLine($"Standalone ready in {system.StartedIn.TotalSeconds:F1} s");
        var pids = Services.ToDictionary(s => s, system.PidOf);
        Assert.All(pids.Values, pid => Assert.True(StandaloneHost.IsRunning(pid)));

        StandaloneHost.Kill(pids["projections"]);
        var report = await system.WaitForLineAsync(l => l.StartsWith("[projections] exited unexpectedly", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        output.WriteLine(report);

        await system.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, system.ExitCode);
        Assert.All(pids, p => Assert.False(StandaloneHost.IsRunning(p.Value), $"{p.Key} (pid {p.Value}) still runs"));
        Assert.Contains(system.Output, l => l == "[standalone] Stopped.");
    }

    [Fact]
    public async Task Prints_the_urls_and_a_curl_example_once_ready()
    {
        await using var system = await StandaloneSystem.StartAsync();

        Assert.Contains(system.Output, l => l.Contains(system.IngestionUrl.ToString(), StringComparison.Ordinal));
        Assert.Contains(system.Output, l => l.Contains(system.DashboardUrl.ToString(), StringComparison.Ordinal));
        Assert.Contains(system.Output, l => l.Contains("curl -i", StringComparison.Ordinal));
    }
}
