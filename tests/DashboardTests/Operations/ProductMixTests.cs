using EdaAspire.Web.Dashboard.Admin.LoadGeneration;

namespace EdaAspire.DashboardTests.Operations;

public sealed class ProductMixTests
{
    [Fact]
    public void Picks_each_product_as_often_as_its_weight_says()
    {
        var mix = ProductMix.Parse("p-1:5, p-2:3, p-3");

        Assert.Equal(9, mix.TotalWeight);
        var picks = Enumerable.Range(0, 9).Select(mix.Pick).ToList();
        Assert.Equal(5, picks.Count(p => p == "p-1"));
        Assert.Equal(3, picks.Count(p => p == "p-2"));
        Assert.Equal(1, picks.Count(p => p == "p-3"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("p-1:0")]
    [InlineData("p-1:-2")]
    [InlineData("p-1:x")]
    [InlineData(":3")]
    public void Rejects_a_mix_it_cannot_draw_from(string text) =>
        Assert.Throws<FormatException>(() => ProductMix.Parse(text));
}
