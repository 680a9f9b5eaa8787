using EdaAspire.Contracts.Orders;
using EdaAspire.Saga.Worker.Orders;

namespace EdaAspire.UnitTests.Saga;

public class OrderSagaInvariantTests
{
    private const int Runs = 3000;

    [Fact]
    public void Every_interleaving_of_results_failures_delays_and_duplicates_keeps_the_invariants()
    {
        var endings = new Dictionary<string, int>(StringComparer.Ordinal);
        var lateResults = new Dictionary<string, int>(StringComparer.Ordinal);
        int staleDeadlines = 0, repeatedResults = 0;

        for (var seed = 0; seed < Runs; seed++)
        {
            var flow = new SimulatedOrderFlow(seed);
            flow.Run();
            AssertInvariants(flow, seed);

            var state = flow.State!;
            var ending = state.Status == OrderSagaStatus.Confirmed ? "Confirmed" : state.CancelReason!.Split(':')[0];
            endings[ending] = endings.GetValueOrDefault(ending) + 1;
            foreach (var late in LateResults(state))
            {
                lateResults[late] = lateResults.GetValueOrDefault(late) + 1;
            }

            staleDeadlines += flow.StaleDeadlinesIgnored;
            repeatedResults += flow.ResultsRepeated;
        }

        // The runs must reach every ending and every awkward timing, or the invariants above prove little.
        Assert.Equal(
            ["Confirmed", "Payment declined", "Payment timed out", "Shipment failed", "Shipment scheduling timed out", "Stock reservation timed out", "Stock unavailable"],
            endings.Keys.Order(StringComparer.Ordinal));
        Assert.All(endings.Values, count => Assert.True(count >= 10, $"Endings: {string.Join(", ", endings)}"));
        Assert.Equal(["late payment", "late reservation", "late shipment"], lateResults.Keys.Order(StringComparer.Ordinal));
        Assert.True(staleDeadlines > 0);
        Assert.True(repeatedResults > 0);
    }

    private static void AssertInvariants(SimulatedOrderFlow flow, int seed)
    {
        var context = $"seed {seed}";
        var state = flow.State ?? throw new InvalidOperationException($"{context}: no saga.");
        Assert.True(state.Status is OrderSagaStatus.Confirmed or OrderSagaStatus.Cancelled, $"{context}: ended {state.Status}");

        // Exactly one outcome, matching the state.
        var outcome = Assert.Single(flow.Sent.OfType<PublishEvent>()).Event;
        var confirmed = state.Status == OrderSagaStatus.Confirmed;
        Assert.Equal(
            confirmed ? new OrderConfirmed(state.OrderId, state.Total, state.Currency) : new OrderCancelled(state.OrderId, state.CancelReason!),
            outcome);

        // Money: whatever was charged is refunded or paid for the confirmed order.
        var books = flow.Fulfillment;
        Assert.True(books.Charged == books.Refunded + (confirmed ? state.Total : 0m), $"{context}: charged {books.Charged}, refunded {books.Refunded}, {state.Status}");

        // Stock: held only by a confirmed order.
        Assert.True((books.HeldReservationId is not null) == confirmed, $"{context}: reservation {books.HeldReservationId}, {state.Status}");

        // Each message is decided once; a second decision with the same id would be dropped by the receiver.
        Assert.Equal(flow.Sent.Count, flow.Sent.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(flow.Changes, state.Version);
        Assert.Null(state.DeadlineAt);
        Assert.NotNull(state.CompletedAt);
    }

    private static IEnumerable<string> LateResults(OrderSagaState state)
    {
        if (state.CancelReason == "Payment timed out" && state.PaymentId is not null)
        {
            yield return "late payment";
        }

        if (state.CancelReason == "Stock reservation timed out" && state.ReservationId is not null)
        {
            yield return "late reservation";
        }

        if (state.CancelReason == "Shipment scheduling timed out" && state.ShipmentId is not null)
        {
            yield return "late shipment";
        }
    }
}
