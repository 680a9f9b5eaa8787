using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.Web.Dashboard.Components.Orders;
using EdaAspire.Web.Dashboard.Orders;
using static EdaAspire.DashboardTests.Infrastructure.TestOrder;

namespace EdaAspire.DashboardTests.Orders;

public sealed class SagaTimelineTests : DashboardContext
{
    [Fact]
    public void Each_step_lasts_from_the_step_before_it()
    {
        var order = Placed(T0)
            .PaymentAuthorized(T0.AddMilliseconds(1500))
            .StockReserved(T0.AddMilliseconds(2000))
            .ShipmentScheduled(T0.AddMilliseconds(5000))
            .Confirmed(T0.AddMilliseconds(5200));

        var timeline = Render<SagaTimeline>(p => p.Add(c => c.Timeline, order.Timeline));

        Assert.Equal(
            [
                (SagaSteps.Placed, "Done", null),
                (SagaSteps.Payment, "Done", "+1.5 s"),
                (SagaSteps.Stock, "Done", "+500 ms"),
                (SagaSteps.Shipment, "Done", "+3.0 s"),
                (SagaSteps.Confirmed, "Done", "+200 ms"),
            ],
            Steps(timeline));
        Assert.StartsWith("5.2 s from placed to confirmed", timeline.Find("[data-testid=saga-total]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_step_skips_the_rest_and_shows_the_compensations_before_the_cancellation()
    {
        var order = Placed(T0)
            .PaymentAuthorized(T0.AddSeconds(1))
            .StockReserved(T0.AddSeconds(2))
            .ShipmentFailed(T0.AddSeconds(4), "no carrier")
            .StockReleased(T0.AddSeconds(4.5))
            .PaymentRefunded(T0.AddSeconds(5))
            .Cancelled(T0.AddSeconds(5.25), "shipment failed");

        var timeline = Render<SagaTimeline>(p => p.Add(c => c.Timeline, order.Timeline));

        Assert.Equal(
            [
                (SagaSteps.Placed, "Done", null),
                (SagaSteps.Payment, "Done", "+1.0 s"),
                (SagaSteps.Stock, "Done", "+1.0 s"),
                (SagaSteps.Shipment, "Failed", "+2.0 s"),
                (SagaSteps.StockReleased, "Compensated", "+500 ms"),
                (SagaSteps.PaymentRefunded, "Compensated", "+500 ms"),
                (SagaSteps.Cancelled, "Failed", "+250 ms"),
            ],
            Steps(timeline));
        Assert.Contains("no carrier", timeline.Find("[data-step=Shipment]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declined_payment_skips_stock_and_shipment()
    {
        var order = Placed(T0).PaymentDeclined(T0.AddSeconds(1)).Cancelled(T0.AddSeconds(1.1));

        var steps = SagaSteps.From(order.Timeline);

        Assert.Equal(
            [SagaStepState.Done, SagaStepState.Failed, SagaStepState.Skipped, SagaStepState.Skipped, SagaStepState.Failed],
            steps.Select(s => s.State));
    }

    [Fact]
    public void An_order_in_progress_waits_for_its_next_step_and_has_no_total_yet()
    {
        var order = Placed(T0).PaymentAuthorized(T0.AddSeconds(1));

        var timeline = Render<SagaTimeline>(p => p.Add(c => c.Timeline, order.Timeline));

        Assert.Equal(
            [
                (SagaSteps.Placed, "Done", null),
                (SagaSteps.Payment, "Done", "+1.0 s"),
                (SagaSteps.Stock, "Waiting", null),
                (SagaSteps.Shipment, "Pending", null),
                (SagaSteps.Outcome, "Pending", null),
            ],
            Steps(timeline));
        Assert.Empty(timeline.FindAll("[data-testid=saga-total]"));
    }

    [Fact]
    public void A_deadline_cancellation_without_a_failed_step_skips_what_never_came()
    {
        var order = Placed(T0).Cancelled(T0.AddSeconds(30), "payment timed out");

        var steps = SagaSteps.From(order.Timeline);

        Assert.Equal(
            [SagaStepState.Done, SagaStepState.Skipped, SagaStepState.Skipped, SagaStepState.Skipped, SagaStepState.Failed],
            steps.Select(s => s.State));
        Assert.Equal(TimeSpan.FromSeconds(30), steps[^1].Duration);
    }

    private static List<(string Name, string State, string? Duration)> Steps(IRenderedComponent<SagaTimeline> timeline) =>
        timeline.FindAll("[data-testid=saga-step]")
            .Select(step => (
                step.GetAttribute("data-step")!,
                step.GetAttribute("data-state")!,
                step.QuerySelector("[data-testid=step-duration]")?.TextContent.Trim()))
            .ToList();
}
