using EdaAspire.ServiceDefaults;

namespace EdaAspire.UnitTests.Resilience;

public class ExponentialBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_delay_doubles_from_the_first_up_to_the_cap()
    {
        var delays = Enumerable.Range(1, 9).Select(attempt => ExponentialBackoff.Delay(attempt, First, Max).TotalMilliseconds);

        Assert.Equal([400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000], delays);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public void Attempts_out_of_range_stay_within_the_first_and_the_cap(int attempt)
    {
        Assert.InRange(ExponentialBackoff.Delay(attempt, First, Max), First, Max);
    }

    [Fact]
    public void Jitter_spreads_the_delay_within_its_fraction_and_varies()
    {
        var delays = Enumerable.Range(0, 200).Select(_ => ExponentialBackoff.Jittered(3, First, Max, spread: 0.2)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1_280), TimeSpan.FromMilliseconds(1_920)));
        Assert.True(delays.Distinct().Count() > 1, "every jittered delay was the same");
    }

    [Fact]
    public void No_spread_is_the_plain_delay()
    {
        Assert.Equal(ExponentialBackoff.Delay(5, First, Max), ExponentialBackoff.Jittered(5, First, Max, spread: 0));
    }
}
