using EdaAspire.DashboardTests.Infrastructure;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using EdaAspire.Web.Dashboard.Admin.LoadGeneration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.DashboardTests.Operations;

[Collection(RunsAlone.Name)]
public sealed class LoadGeneratorTests
{
    [Fact]
    public async Task Sends_the_planned_orders_and_clicks_and_counts_what_was_accepted_and_refused()
    {
        // Every fourth order is refused, as Ingestion.Api refuses with 503 while Kafka is down.
        var api = new RecordingIngestion(refuseEveryNthOrder: 4);
        await using var services = Services(api);
        var generator = new LoadGenerator(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<LoadGenerator>.Instance);
        var reports = new ConcurrentQueue<LoadProgress>();
        generator.Changed += reports.Enqueue;

        Assert.True(generator.Start(new LoadPlan { OrdersPerSecond = 8, ClicksPerSecond = 30, DurationSeconds = 2, ProductMix = "p-1:3, p-2" }));
        Assert.False(generator.Start(new LoadPlan()));
        await WaitUntilAsync(() => !generator.Progress.Running);

        var progress = generator.Progress;
        Assert.Equal(16, api.Orders.Count);
        Assert.Equal(60, api.Clicks);
        Assert.Equal(16 + 60, progress.Sent);
        Assert.Equal(4, progress.Failed);
        Assert.Equal(progress.Sent - 4, progress.Accepted);
        Assert.Equal(100, progress.Percent);
        Assert.Equal(16, api.Orders.Select(o => o.Key).Distinct().Count());
        Assert.All(api.Orders, o => Assert.All(o.Products, p => Assert.Contains(p, new[] { "p-1", "p-2" })));
        Assert.DoesNotContain(api.Orders, o => o.Priced); // the server prices from the catalog
        Assert.False(reports.Last().Running);
    }

    [Fact]
    public async Task Stopping_ends_the_run_early()
    {
        var api = new RecordingIngestion(refuseEveryNthOrder: 0);
        await using var services = Services(api);
        var generator = new LoadGenerator(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<LoadGenerator>.Instance);

        generator.Start(new LoadPlan { OrdersPerSecond = 1, ClicksPerSecond = 0, DurationSeconds = 600 });
        await generator.StopAsync();

        Assert.False(generator.Progress.Running);
        Assert.InRange(api.Orders.Count, 0, 1);
    }

    private static ServiceProvider Services(RecordingIngestion api)
    {
        var services = new ServiceCollection();
        services.AddHttpClient<IngestionClient>(http => http.BaseAddress = new Uri("http://ingestion"))
            .ConfigurePrimaryHttpMessageHandler(() => api);
        return services.BuildServiceProvider();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var limit = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < limit, "Timed out.");
            await Task.Delay(50); // polls the condition; the limit fails the test
        }
    }

    /// <summary>Ingestion.Api's two endpoints as far as the generator sees them: 202s, and a 503 now and then.</summary>
    private sealed class RecordingIngestion(int refuseEveryNthOrder) : HttpMessageHandler
    {
        private int _clicks;
        private int _orders;

        public ConcurrentBag<(string Key, string[] Products, bool Priced)> Orders { get; } = [];

        public int Clicks => _clicks;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            if (request.RequestUri!.AbsolutePath == "/api/orders")
            {
                Orders.Add((request.Headers.GetValues("Idempotency-Key").Single(),
                    body.RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("productId").GetString()!).ToArray(),
                    body.RootElement.GetProperty("lines").EnumerateArray().Any(l => l.TryGetProperty("unitPrice", out _))));
                return Interlocked.Increment(ref _orders) is var n && refuseEveryNthOrder > 0 && n % refuseEveryNthOrder == 0
                    ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                    : new HttpResponseMessage(HttpStatusCode.Accepted);
            }

            var count = body.RootElement.GetProperty("events").GetArrayLength();
            Interlocked.Add(ref _clicks, count);
            return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent($$"""{"accepted":{{count}}}""", System.Text.Encoding.UTF8, "application/json") };
        }
    }
}
