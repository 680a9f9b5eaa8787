using System.Text;
using System.Text.Json;
using EdaAspire.Contracts.Orders;
using EdaAspire.ReadModels.Orders;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>
/// The saga's path for one order, read off its events: placed → payment → stock → shipment → outcome, with any
/// compensations (refund, release) between a failure and the cancellation. Each step's duration runs from the
/// step before it that happened, so the slow hop of an order stands out.
/// </summary>
public static class SagaSteps
{
    public const string Placed = "Placed";
    public const string Payment = "Payment";
    public const string Stock = "Stock";
    public const string Shipment = "Shipment";
    public const string StockReleased = "Stock released";
    public const string PaymentRefunded = "Payment refunded";
    public const string Confirmed = "Confirmed";
    public const string Cancelled = "Cancelled";
    /// <summary>The outcome before there is one.</summary>
    public const string Outcome = "Confirmed or cancelled";

    private static readonly string[] ForwardSteps = [Placed, Payment, Stock, Shipment];
    private static readonly string[] Compensations = [StockReleased, PaymentRefunded];

    public static IReadOnlyList<SagaStep> From(IEnumerable<OrderTimelineEntry> timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var happened = Happened(timeline);
        var failed = happened.Values.Any(s => s.State == SagaStepState.Failed);
        var outcome = happened.GetValueOrDefault(Confirmed) ?? happened.GetValueOrDefault(Cancelled);

        var steps = new List<SagaStep>();
        var waitingShown = false;
        foreach (var name in ForwardSteps)
        {
            if (happened.TryGetValue(name, out var step))
            {
                steps.Add(step);
            }
            else if (failed || outcome is not null)
            {
                steps.Add(new SagaStep(name, SagaStepState.Skipped, null, null));
            }
            else
            {
                steps.Add(new SagaStep(name, waitingShown ? SagaStepState.Pending : SagaStepState.Waiting, null, null));
                waitingShown = true;
            }
        }

        steps.AddRange(Compensations.Where(happened.ContainsKey).Select(name => happened[name]));
        // Undecided: a failure waits for the cancellation, a completed path for the confirmation.
        steps.Add(outcome ?? new SagaStep(Outcome, failed || !waitingShown ? SagaStepState.Waiting : SagaStepState.Pending, null, null));
        return WithDurations(steps);
    }

    /// <summary>The first event of each step, in log order; a repeated or late copy does not move a step.</summary>
    private static Dictionary<string, SagaStep> Happened(IEnumerable<OrderTimelineEntry> timeline)
    {
        var steps = new Dictionary<string, SagaStep>(StringComparer.Ordinal);
        foreach (var entry in timeline.OrderBy(e => e.Offset))
        {
            if (Read(entry) is { } orderEvent && StepOf(orderEvent, entry.OccurredAt) is { } step)
            {
                steps.TryAdd(step.Name, step);
            }
        }

        return steps;
    }

    private static SagaStep? StepOf(IOrderEvent orderEvent, DateTime at) => orderEvent switch
    {
        OrderPlaced placed => new(Placed, SagaStepState.Done, at, null, $"{placed.Lines.Count} line(s)"),
        PaymentAuthorized paid => new(Payment, SagaStepState.Done, at, null, $"authorized {paid.PaymentId}"),
        PaymentDeclined declined => new(Payment, SagaStepState.Failed, at, null, declined.Reason),
        StockReserved reserved => new(Stock, SagaStepState.Done, at, null, $"reserved {reserved.ReservationId}"),
        StockUnavailable unavailable => new(Stock, SagaStepState.Failed, at, null, unavailable.Reason),
        ShipmentScheduled scheduled => new(Shipment, SagaStepState.Done, at, null, $"{scheduled.Carrier} {scheduled.ShipmentId}"),
        ShipmentFailed shipmentFailed => new(Shipment, SagaStepState.Failed, at, null, shipmentFailed.Reason),
        StockReleased released => new(StockReleased, SagaStepState.Compensated, at, null, released.ReservationId),
        PaymentRefunded refunded => new(PaymentRefunded, SagaStepState.Compensated, at, null, $"{refunded.Amount:0.00} {refunded.Currency}"),
        OrderConfirmed => new(Confirmed, SagaStepState.Done, at, null),
        OrderCancelled cancelled => new(Cancelled, SagaStepState.Failed, at, null, cancelled.Reason),
        _ => null,
    };

    /// <summary>Each step that happened lasted from the latest earlier step that happened.</summary>
    private static List<SagaStep> WithDurations(List<SagaStep> steps)
    {
        var byTime = steps.Where(s => s.At is not null).OrderBy(s => s.At).ToList();
        return steps.Select(step =>
        {
            var index = byTime.IndexOf(step);
            return index > 0 ? step with { Duration = step.At - byTime[index - 1].At } : step;
        }).ToList();
    }

    private static IOrderEvent? Read(OrderTimelineEntry entry)
    {
        try
        {
            return OrderEventCatalog.Instance.Read(entry.Type, Encoding.UTF8.GetBytes(entry.Payload));
        }
        catch (JsonException)
        {
            // The projection stored it, so it parsed once; a page must not fail on one odd payload either way.
            return null;
        }
    }
}
