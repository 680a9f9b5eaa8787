using EdaAspire.Web.Dashboard.Orders;

namespace EdaAspire.DashboardTests.Orders;

public sealed class OrderSearchTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_searches_for_nothing(string? text) => Assert.Null(OrderSearch.Parse(text));

    [Fact]
    public void Hex_digits_may_begin_an_order_id_and_are_matched_upper_case()
    {
        var search = OrderSearch.Parse(" 3f2504e0-4f89 ")!;

        Assert.Equal("3f2504e0-4f89", search.Text);
        Assert.Equal("3F2504E0-4F89", search.OrderIdPrefix);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("customer 7")]
    public void Other_text_is_a_customer_id_only(string text) => Assert.Null(OrderSearch.Parse(text)!.OrderIdPrefix);
}
