using EdaAspire.Contracts.Catalog;
using EdaAspire.Contracts.Orders;
using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.Web.Dashboard.Components.Pages;
using EdaAspire.Web.Dashboard.Overview;
using EdaAspire.WorkQueue;

namespace EdaAspire.DashboardTests.Operations;

public sealed class OverviewPageTests : OperationsContext
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] ChartIds = ["chart-rates", "chart-lag", "chart-queue"];

    [Fact]
    public void Says_it_is_waiting_before_the_first_sample()
    {
        var page = Render<Overview>();

        Assert.NotNull(page.Find("[data-testid=overview-waiting]"));
    }

    [Fact]
    public void Shows_how_far_the_change_data_capture_connector_is_behind_or_that_it_did_not_answer()
    {
        History.Add(Samples.At(T0) with { Capture = new CaptureStatus(40, 3, 37, T0.AddSeconds(-1)) });

        var page = Render<Overview>();

        var lag = page.Find("[data-testid=capture-lag]");
        Assert.Equal("3", lag.GetAttribute("data-pending"));
        Assert.Contains("3 changes behind", lag.TextContent, StringComparison.Ordinal);
        Assert.Contains("37 published since start, last at 11:59:59 UTC", lag.TextContent, StringComparison.Ordinal);

        History.Add(Samples.At(T0.AddSeconds(2)));
        page.Render();

        Assert.Contains("did not answer", page.Find("[data-testid=capture-lag]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_rates_lag_outbox_queue_dead_letters_and_health_of_the_latest_sample()
    {
        History.Add(Samples.At(T0, logEnd: 1_000, projected: 900));
        History.Add(Samples.At(T0.AddSeconds(2), logEnd: 1_400, projected: 1_300, lag:
        [
            Samples.Group("projections-orders", "orders", (100, 100), (80, 95), (null, 5)),
            Samples.Group("saga", "orders", (100, 100), (95, 95), (5, 5)),
        ]) with
        {
            OutboxBacklog = 7,
            Queue = new QueueCounts(12, 3, 2, 4),
            Health =
            [
                new HealthEntry("ingestion", "service", HealthState.Healthy, "/health: 200 Healthy"),
                new HealthEntry("saga", "service", HealthState.Unhealthy, "stalled"),
            ],
        });

        var page = Render<Overview>();

        Assert.Equal("200", Stat(page, "stat-ingested"));
        Assert.Equal("200", Stat(page, "stat-projected"));
        Assert.Equal("20", Stat(page, "stat-lag"));
        Assert.Equal("7", Stat(page, "stat-outbox"));
        Assert.Equal("15", Stat(page, "stat-queue"));
        Assert.Equal("2", Stat(page, "stat-dead-letters"));

        var lagRows = page.FindAll("[data-testid=lag-row]");
        Assert.Equal(["projections-orders:20", "saga:0"], lagRows.Select(r => $"{r.GetAttribute("data-group")}:{r.GetAttribute("data-lag")}"));
        Assert.Equal(["p1: 15", "p2: 5"], lagRows[0].QuerySelectorAll(".mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Contains("none of 3", lagRows[1].TextContent, StringComparison.Ordinal);

        var health = page.FindAll("[data-testid=health-entry]");
        Assert.Equal(["ingestion:Healthy", "saga:Unhealthy"], health.Select(h => $"{h.GetAttribute("data-name")}:{h.GetAttribute("data-state")}"));
        Assert.All(ChartIds, id => Assert.NotEmpty(page.FindAll($"[data-testid={id}] svg")));
    }

    [Fact]
    public void A_new_sample_is_pushed_to_the_open_page()
    {
        History.Add(Samples.At(T0, logEnd: 0));
        var page = Render<Overview>();
        Assert.Equal("0", Stat(page, "stat-ingested"));

        History.Add(Samples.At(T0.AddSeconds(2), logEnd: 50));

        page.WaitForAssertion(() => Assert.Equal("25", Stat(page, "stat-ingested")));
    }

    [Fact]
    public void Says_when_and_why_ingestion_refuses_new_orders_and_when_it_takes_them_again()
    {
        History.Add(Samples.At(T0) with
        {
            Admission = new AdmissionStatus(true, "saga-lag", "The order saga is 1,234 events behind (limit 1,000).", new SagaBacklog(1_234, 0), T0),
        });
        var page = Render<Overview>();

        var banner = page.Find("[data-testid=admission-shedding]");
        Assert.Equal("saga-lag", banner.GetAttribute("data-reason"));
        Assert.Contains("New orders are refused", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("The order saga is 1,234 events behind (limit 1,000).", banner.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=admission-accepting]"));

        History.Add(Samples.At(T0.AddSeconds(2)) with
        {
            Admission = new AdmissionStatus(false, "within-limits", "The order saga keeps up: 3 events behind, 0 in its outbox.", new SagaBacklog(3, 0), T0.AddSeconds(2)),
        });

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=admission-shedding]")));
        Assert.Contains("keeps up", page.Find("[data-testid=admission-accepting]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_no_admission_state_when_ingestion_did_not_answer()
    {
        History.Add(Samples.At(T0));

        var page = Render<Overview>();

        Assert.Empty(page.FindAll("[data-testid=admission-shedding]"));
        Assert.Empty(page.FindAll("[data-testid=admission-accepting]"));
    }

    private static string Stat(IRenderedComponent<Overview> page, string testId) =>
        page.Find($"[data-testid={testId}] h4").TextContent.Trim();
}
