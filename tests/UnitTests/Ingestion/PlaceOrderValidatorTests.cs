using EdaAspire.Contracts.Orders;
using EdaAspire.Ingestion.Api.Orders;

namespace EdaAspire.UnitTests.Ingestion;

public class PlaceOrderValidatorTests
{
    private static readonly PlaceOrderRequest Valid = new(
        "customer-1",
        [new OrderLineRequest("p-1", 2, 9.99m), new OrderLineRequest("p-2", 1)],
        "EUR",
        new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 1AA", "GB"));

    private static IEnumerable<string> Fields(PlaceOrderRequest? order, string? key = "key-1") =>
        PlaceOrderValidator.Validate(order, key).Keys.Order(StringComparer.Ordinal);

    [Fact]
    public void A_complete_order_with_a_key_passes()
    {
        Assert.Empty(Fields(Valid));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void The_idempotency_key_header_is_required(string? key)
    {
        Assert.Equal(["Idempotency-Key"], Fields(Valid, key));
    }

    [Fact]
    public void Line_errors_name_the_index_and_field()
    {
        var order = Valid with { Lines = [new OrderLineRequest("p-1", 0, 1m), new OrderLineRequest("", 1, 1.001m), null] };

        Assert.Equal(["lines[0].quantity", "lines[1].productId", "lines[1].unitPrice", "lines[2]"], Fields(order));
    }

    [Fact]
    public void A_line_without_a_price_passes_because_the_server_prices_it()
    {
        var order = Valid with { Lines = [new OrderLineRequest("p-1", 1)] };

        Assert.Empty(Fields(order));
    }

    [Fact]
    public void Orders_need_lines_a_currency_and_an_address()
    {
        var order = Valid with { Lines = [], Currency = "euro", ShippingAddress = null };

        Assert.Equal(["currency", "lines", "shippingAddress"], Fields(order));
    }

    [Fact]
    public void Address_fields_are_checked()
    {
        var order = Valid with { ShippingAddress = Valid.ShippingAddress! with { City = "", Country = "Britain" } };

        Assert.Equal(["shippingAddress.city", "shippingAddress.country"], Fields(order));
    }

    [Fact]
    public void A_product_on_two_lines_is_refused()
    {
        var order = Valid with { Lines = [new OrderLineRequest("p-1", 1, 1m), new OrderLineRequest("p-1", 2)] };

        Assert.Equal(["lines"], Fields(order));
    }
}
