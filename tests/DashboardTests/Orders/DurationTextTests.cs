using EdaAspire.Web.Dashboard.Orders;

namespace EdaAspire.DashboardTests.Orders;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0 ms")]
    [InlineData(850, "850 ms")]
    [InlineData(999.9, "999 ms")]
    [InlineData(2_460, "2.4 s")]
    [InlineData(42_000, "42 s")]
    [InlineData(185_000, "3 min 05 s")]
    [InlineData(3_720_000, "1 h 02 min")]
    [InlineData(-1_500, "−1.5 s")]
    public void Reads_as_short_as_it_can(double milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
