using EdaAspire.Messaging.Envelope;
using EdaAspire.Saga.Worker.Fulfillment;

namespace EdaAspire.UnitTests.Fulfillment;

public class DeterministicOutcomeTests
{
    // Ids shaped like the saga's command ids ("<order>/<step>"), from fixed names so every run draws the same.
    private static readonly string[] Ids = [.. Enumerable.Range(0, 10_000)
        .Select(i => $"{DeterministicId.Create($"order-{i}"):N}/{(i % 2 == 0 ? "authorize-payment" : "reserve-stock")}")];

    private static SimulatorOptions Rates(double poison, double permanent) =>
        new() { PoisonRate = poison, PermanentFailureRate = permanent };

    [Fact]
    public void The_same_id_always_gets_the_same_outcome()
    {
        var options = Rates(poison: 0.3, permanent: 0.5);

        foreach (var id in Ids.Take(500))
        {
            Assert.Equal(DeterministicOutcome.For(id, options), DeterministicOutcome.For(new string(id.AsSpan()), options));
        }
    }

    [Fact]
    public void Draws_are_in_the_unit_interval_and_differ_by_salt()
    {
        var draws = Ids.Select(id => DeterministicOutcome.Draw(id, "poison")).ToList();

        Assert.All(draws, d => Assert.InRange(d, 0.0, Math.BitDecrement(1.0)));
        Assert.NotEqual(DeterministicOutcome.Draw(Ids[0], "poison"), DeterministicOutcome.Draw(Ids[0], "permanent-failure"));
        Assert.Equal(Ids.Length, draws.Distinct().Count());
    }

    [Theory]
    [InlineData(0.01, 0.05)]
    [InlineData(0.1, 0.3)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.9, 0.02)]
    public void Rates_are_respected_over_10000_ids(double poison, double permanent)
    {
        var outcomes = Ids.Select(id => DeterministicOutcome.For(id, Rates(poison, permanent))).ToList();

        // Binomial standard deviation of a share over n draws is sqrt(p(1-p)/n) ≤ 0.005; allow four of them.
        Assert.InRange(outcomes.Count(o => o.IsPoison) / (double)Ids.Length, poison - 0.02, poison + 0.02);
        Assert.InRange(outcomes.Count(o => o.FailsPermanently) / (double)Ids.Length, permanent - 0.02, permanent + 0.02);
        // Independent draws: the share failing among the poisoned is the overall failure rate too.
        var poisoned = outcomes.Where(o => o.IsPoison).ToList();
        Assert.InRange(poisoned.Count(o => o.FailsPermanently) / (double)poisoned.Count, permanent - 0.05, permanent + 0.05);
    }

    [Fact]
    public void Rates_of_zero_never_hit_and_rates_of_one_always_do()
    {
        Assert.All(Ids, id => Assert.Equal(new DeterministicOutcome(false, false), DeterministicOutcome.For(id, Rates(0, 0))));
        Assert.All(Ids, id => Assert.Equal(new DeterministicOutcome(true, true), DeterministicOutcome.For(id, Rates(1, 1))));
    }

    [Fact]
    public void Raising_a_rate_only_adds_ids_to_those_already_hit()
    {
        // A dashboard turning a rate up makes more commands fail, never a different set of them.
        var low = Ids.Where(id => DeterministicOutcome.For(id, Rates(0.1, 0)).IsPoison).ToHashSet();
        var high = Ids.Where(id => DeterministicOutcome.For(id, Rates(0.2, 0)).IsPoison).ToHashSet();

        Assert.Subset(high, low);
    }
}
