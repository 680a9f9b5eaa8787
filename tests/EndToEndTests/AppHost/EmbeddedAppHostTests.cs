using System.Diagnostics;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using EdaAspire.EndToEndTests.Infrastructure;
using EdaAspire.Tests.Aspire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace EdaAspire.EndToEndTests.AppHost;

/// <summary>
/// What the README's first command gives, as the Aspire dashboard shows it: every resource running and healthy, the
/// in-memory Kafka cluster as a resource with its bootstrap servers and an outage button, a crashed service shown as
/// ended and started again from its command, and no process left behind when the AppHost stops.
/// </summary>
public sealed class EmbeddedAppHostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_resource_is_healthy_a_crash_shows_and_starts_again_and_stopping_leaves_no_process()
    {
        var system = await EmbeddedSystem.StartAsync();
        int[] pids;
        try
        {
            output.WriteLine($"Healthy in {system.StartedIn.TotalSeconds:F1} s: {system.Describe()}");
            var kafka = Assert.Single(system.Instances("kafka"));
            Assert.Contains(kafka.Properties, p => p.Name == "kafka.bootstrap" && p.Value is string s && s.Contains("127.0.0.1", StringComparison.Ordinal));
            Assert.Equal(2, system.Instances("fulfillment").Count);
            Assert.Contains(system.Instances("dashboard").Single().Urls, u => u.DisplayProperties.DisplayName == "EdaAspire dashboard");

            // What each service's process received: only the connection strings its composition references.
            var data = system.DataPath;
            var ingestionEnv = Environment(system.ServicePid(system.InstanceIds("ingestion").Single()));
            Assert.Equal($"Data Source={Path.Combine(data, "ingestion.db")}", ingestionEnv["ConnectionStrings__ingestion"]);
            Assert.Equal(kafka.Properties.Single(p => p.Name == "kafka.bootstrap").Value, ingestionEnv["ConnectionStrings__kafka"]);
            Assert.DoesNotContain("ConnectionStrings__readmodels", ingestionEnv.Keys);
            Assert.DoesNotContain("ConnectionStrings__catalog", ingestionEnv.Keys); // it prices from topic "catalog" alone
            // Aspire's always_on, capped: at most 10 new traces a second in each service, each whole.
            Assert.Equal(("always_on", "10"), (ingestionEnv["OTEL_TRACES_SAMPLER"], ingestionEnv["Tracing__MaxTracesPerSecond"]));
            // Debian's redis-server (the tests need it, like CI) runs as resource "cache", ingestion's shared price cache.
            Assert.Equal(KnownResourceStates.Running, Assert.Single(system.Instances("cache")).State?.Text);
            Assert.StartsWith("127.0.0.1:", ingestionEnv["ConnectionStrings__cache"], StringComparison.Ordinal);
            await system.WaitForLogAsync("ingestion", l => l.Contains("Price cache: memory, then Redis", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            var sagaEnv = Environment(system.ServicePid(system.InstanceIds("saga").Single()));
            Assert.Equal(("saga", $"Data Source={Path.Combine(data, "messaging.db")}"), (sagaEnv["Saga__Roles"], sagaEnv["ConnectionStrings__messaging"]));
            Assert.All(system.InstanceIds("fulfillment"), id => Assert.Equal("fulfillment", Environment(system.ServicePid(id))["Saga__Roles"]));
            var projectionsEnv = Environment(system.ServicePid(system.InstanceIds("projections").Single()));
            Assert.Equal(Path.Combine(data, "archive"), projectionsEnv["Archive__Directory"]);
            Assert.DoesNotContain("Notifications__Email__PickupDirectory", projectionsEnv.Keys);
            var notificationsEnv = Environment(system.ServicePid(system.InstanceIds("notifications").Single()));
            Assert.Equal(Path.Combine(data, "notifications", "email", "pickup"), notificationsEnv["Notifications__Email__PickupDirectory"]);
            Assert.Equal(kafka.Properties.Single(p => p.Name == "kafka.bootstrap").Value, notificationsEnv["ConnectionStrings__kafka"]);
            Assert.DoesNotContain("ConnectionStrings__readmodels", notificationsEnv.Keys);
            var catalogEnv = Environment(system.ServicePid(system.InstanceIds("catalog").Single()));
            Assert.Equal($"Data Source={Path.Combine(data, "catalog.db")}", catalogEnv["ConnectionStrings__catalog"]);
            Assert.DoesNotContain("ConnectionStrings__kafka", catalogEnv.Keys);
            var connectorEnv = Environment(system.ServicePid(system.InstanceIds("catalog-cdc").Single()));
            Assert.Equal(catalogEnv["ConnectionStrings__catalog"], connectorEnv["ConnectionStrings__catalog"]);
            Assert.Equal(kafka.Properties.Single(p => p.Name == "kafka.bootstrap").Value, connectorEnv["ConnectionStrings__kafka"]);

            var projections = Assert.Single(system.InstanceIds("projections"));
            var crashedPid = system.ServicePid(projections);
            await system.KillAsync(projections);
            output.WriteLine($"After SIGKILL of pid {crashedPid}: {system.Snapshot(projections).State?.Text}, exit code {system.Snapshot(projections).ExitCode}");
            Assert.NotEqual(0, system.Snapshot(projections).ExitCode);

            await system.StartAgainAsync(projections);
            Assert.NotEqual(crashedPid, system.ServicePid(projections));
            pids = [.. system.InstanceIds("ingestion").Concat(system.InstanceIds("projections")).Concat(system.InstanceIds("notifications")).Concat(system.InstanceIds("saga"))
                .Concat(system.InstanceIds("fulfillment")).Concat(system.InstanceIds("dashboard"))
                .Concat(system.InstanceIds("catalog")).Concat(system.InstanceIds("catalog-cdc")).Select(system.ServicePid)];
        }
        finally
        {
            await system.DisposeAsync();
        }

        // DCP stops the services gracefully, so one may still be finishing its shutdown as the AppHost returns.
        var clock = Stopwatch.StartNew();
        while (pids.Any(IsRunning) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200); // polls until every process ended; the assertion below fails the test past 60 s
        }

        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"pid {pid} still runs 60 s after the AppHost stopped"));
    }

    [Fact]
    public async Task Taking_the_kafka_brokers_down_from_the_dashboard_is_an_outage_the_api_answers_with_503()
    {
        await using var system = await EmbeddedSystem.StartAsync();
        var kafka = Assert.Single(system.InstanceIds("kafka"));
        using var ingestion = new HttpClient { BaseAddress = system.IngestionUrl, Timeout = TimeSpan.FromSeconds(60) };

        var down = await system.App.ResourceCommands.ExecuteCommandAsync(kafka, "kafka-brokers-down");
        Assert.True(down.Success, down.Message);
        await system.App.ResourceNotifications.WaitForResourceAsync("kafka", e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy);
        using (var refused = await Clicks.SendPageViewsAsync(ingestion, count: 1, session: "outage"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        var up = await system.App.ResourceCommands.ExecuteCommandAsync(kafka, "kafka-brokers-up");
        Assert.True(up.Success, up.Message);
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync("kafka");
        Assert.Equal(HttpStatusCode.Accepted, await SendUntilAcceptedAsync(ingestion, TimeSpan.FromSeconds(60)));
        Assert.Contains(system.Logs, l => l.Resource == "kafka" && l.Line.Contains("Brokers down", StringComparison.Ordinal));
    }

    /// <summary>
    /// Sends as a client should after an outage: the cluster answers its health check at once, but the API's producer
    /// reconnects on librdkafka's backoff, which grows with the outage; until then each answer is the retryable 503.
    /// </summary>
    private static async Task<HttpStatusCode> SendUntilAcceptedAsync(HttpClient ingestion, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await Clicks.SendPageViewsAsync(ingestion, count: 1, session: "after-outage");
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || clock.Elapsed > patience)
            {
                return response.StatusCode;
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            await Task.Delay(retryAfter.Value); // waits as the API asks before trying again; patience bounds the tries
        }
    }

    private static Dictionary<string, string> Environment(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Split('=', 2)).GroupBy(v => v[0]).ToDictionary(g => g.Key, g => g.Last().ElementAtOrDefault(1) ?? "");

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
