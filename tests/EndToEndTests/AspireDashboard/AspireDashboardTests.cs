using System.Diagnostics;
using System.Net;
using System.Text;
using Aspire.Hosting.Testing;
using EdaAspire.EndToEndTests.Infrastructure;
using EdaAspire.Tests.Aspire;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EdaAspire.EndToEndTests.AspireDashboard;

/// <summary>
/// What a person sees in the Aspire dashboard after the README's first command and one curl order: every service
/// sends telemetry, the order is one trace across ingestion, the saga, the fulfillment workers, the projections and
/// the dashboard's live feed, and the logs carry that trace's id. Read through the dashboard's own telemetry API;
/// screenshots of its resource list and of the trace go to artifacts/screenshots/.
/// </summary>
public sealed class AspireDashboardTests(ITestOutputHelper output)
{
    private static readonly string[] Services = ["ingestion", "projections", "notifications", "saga", "fulfillment", "dashboard"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_order_is_one_trace_across_the_services_in_the_aspire_dashboard_and_its_logs_carry_the_trace_id()
    {
        await using var system = await EmbeddedSystem.StartAsync(withDashboard: true);
        var login = await system.App.GetDashboardUrlAsync();
        var api = await AspireTelemetryApi.ConnectAsync(login);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var orderId = await PlaceOrderAsync(http, new Uri(system.IngestionUrl, "api/orders"));
        // A read-side request, so the dashboard has a span of its own whatever its live feed saw.
        using (await http.GetAsync(new Uri(system.DashboardUrl, $"api/orders/{orderId}")))
        {
        }

        var (traceId, trace) = await WaitForOrderTraceAsync(api, orderId);
        output.WriteLine($"Order {orderId}: trace {traceId}, {trace.Count} spans from {string.Join(", ", trace.Select(s => s.Service).Distinct().Order())}");
        foreach (var span in trace.OrderBy(s => s.Service).ThenBy(s => s.Name))
        {
            output.WriteLine($"  {span.Service,-12} {span.Name}");
        }

        Assert.Superset(Services.ToHashSet(), (await api.ResourcesAsync()).ToHashSet());
        Assert.Superset(new HashSet<string>(["ingestion", "saga", "fulfillment", "projections", "dashboard"]), trace.Select(s => s.Service).ToHashSet());
        // The hops across processes are parent and child: the saga's and the projections' processing of OrderPlaced
        // are children of the ingestion's send.
        var send = Assert.Single(trace, s => s.Service == "ingestion" && s.Name == "send orders");
        Assert.Contains(trace, s => s.Service == "saga" && s.ParentSpanId == send.SpanId);
        Assert.Contains(trace, s => s.Service == "projections" && s.ParentSpanId == send.SpanId);

        var logs = await api.LogsAsync(traceId);
        Assert.Contains(logs, l => l.Service == "ingestion" && l.TraceId == traceId && l.Body.Contains(orderId.ToString(), StringComparison.Ordinal));
        output.WriteLine($"{logs.Count} log records carry the trace id, from {string.Join(", ", logs.Select(l => l.Service).Distinct().Order())}");

        await ScreenshotAsync(login, traceId);
    }

    private static async Task<Guid> PlaceOrderAsync(HttpClient http, Uri orders)
    {
        using var response = await OrderPosting.PostUntilAcceptedAsync(http, orders, () => new StringContent("""
            {"customerId":"c-traced","currency":"EUR","lines":[{"productId":"p-1","quantity":2}],
             "shippingAddress":{"name":"Ada","line1":"1 Way","city":"London","postalCode":"N1","country":"GB"}}
            """, Encoding.UTF8, "application/json"), "aspire-dashboard-order");
        var location = response.Headers.Location!.ToString();
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    /// <summary>
    /// The order's trace once it holds every service and its outcome was projected, or what it held when the patience
    /// ran out (a step the simulators fail waits for its deadline, which starts a trace of its own).
    /// </summary>
    private static async Task<(string TraceId, IReadOnlyList<DashboardSpan> Spans)> WaitForOrderTraceAsync(AspireTelemetryApi api, Guid orderId)
    {
        var clock = Stopwatch.StartNew();
        (string TraceId, IReadOnlyList<DashboardSpan> Spans) seen = ("", []);
        while (clock.Elapsed < Patience)
        {
            var send = (await api.SpansAsync()).FirstOrDefault(s => s.Service == "ingestion" && s.Name == "send orders"
                && s.Attributes.GetValueOrDefault("messaging.kafka.message.key") == orderId.ToString());
            if (send is not null)
            {
                seen = (send.TraceId, await api.SpansAsync(send.TraceId));
                var services = seen.Spans.Select(s => s.Service).ToHashSet();
                if (Services.All(services.Contains) && seen.Spans.Count(s => s.Name == "send orders") >= 2)
                {
                    return seen;
                }
            }

            // A poll for the telemetry to arrive, not a wait for time to pass.
            await Task.Delay(500);
        }

        return seen.TraceId.Length > 0 ? seen : throw new TimeoutException($"No span of the order {orderId} reached the Aspire dashboard within {Patience.TotalSeconds} s.");
    }

    private async Task ScreenshotAsync(Uri login, string traceId)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        // The token link signs in and lands on the resource list.
        await ShowAsync(page, login, p => p.GetByText("projections").Filter(new() { Visible = true }));
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(page, "aspire-dashboard-resources.png"));

        // The page heads the trace with its short id, then lists the spans by resource.
        await ShowAsync(page, new Uri(login, $"/traces/detail/{traceId}"),
            p => p.Locator(".trace-id").Filter(new() { HasText = traceId[..7], Visible = true }),
            p => p.GetByText("ingestion").Filter(new() { Visible = true }));
        output.WriteLine(await DashboardBrowser.ScreenshotAsync(page, "aspire-dashboard-order-trace.png"));
    }

    /// <summary>
    /// Opens <paramref name="url"/> until every expected element is visible, reloading when a busy machine left the
    /// page without them, and says what the page showed if it never did.
    /// </summary>
    private async Task ShowAsync(IPage page, Uri url, params Func<IPage, ILocator>[] expected)
    {
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(url.ToString());
                foreach (var element in expected)
                {
                    await element(page).First.WaitForAsync(new() { Timeout = 40_000 });
                }

                await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 30_000 });
                return;
            }
            catch (TimeoutException e)
            {
                var shown = await ShownTextAsync(page);
                var report = $"Attempt {attempt} at {url}: {e.Message.Split('\n')[0]}; the page showed: {shown}";
                output.WriteLine(report);
                if (attempt == Attempts)
                {
                    throw new TimeoutException(report, e);
                }
            }
        }
    }

    private static async Task<string> ShownTextAsync(IPage page)
    {
        try
        {
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            return text[..Math.Min(text.Length, 600)];
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return $"(unreadable: {e.Message.Split('\n')[0]})";
        }
    }
}
