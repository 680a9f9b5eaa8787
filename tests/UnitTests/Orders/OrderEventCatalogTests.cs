using System.Text;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.UnitTests.Orders;

public class OrderEventCatalogTests
{
    [Fact]
    public void Every_event_round_trips_through_its_versioned_type()
    {
        var id = Guid.NewGuid();
        IOrderEvent[] events =
        [
            new OrderPlaced(id, "c", [new OrderLine("p", 1, 2m, 7)], "EUR", 2m, new ShippingAddress("n", "l1", null, "c", "pc", "NL"), DateTimeOffset.UnixEpoch),
            new PaymentAuthorized(id, "pay-1", 2m, "EUR"),
            new OrderCancelled(id, "reason"),
        ];

        foreach (var e in events)
        {
            var type = OrderEventCatalog.Instance.TypeOf(e);
            var read = OrderEventCatalog.Instance.Read(type, OrderEventCatalog.Instance.Serialize(e));

            Assert.Matches(@"^shop\.order\.[a-z_]+\.v\d+$", type);
            Assert.Equivalent(e, read, strict: true);
        }
    }

    [Fact]
    public void OrderPlaced_v1_is_upcast_to_the_structured_address()
    {
        var v1 = """{"orderId":"0b9d3c1e-0000-4000-8000-000000000001","customerId":"c-1","lines":[{"productId":"p","quantity":1,"unitPrice":5}],"currency":"EUR","total":5,"shippingAddress":"Ada, 1 Way, London, N1 1AA, GB","placedAt":"2026-01-01T00:00:00+00:00"}""";

        var placed = Assert.IsType<OrderPlaced>(OrderEventCatalog.Instance.Read(OrderEventCatalog.OrderPlacedV1Type, Encoding.UTF8.GetBytes(v1)));

        Assert.Equal(new ShippingAddress("Ada", "1 Way", null, "London", "N1 1AA", "GB"), placed.ShippingAddress);
        Assert.Equal(5m, placed.Total);
        Assert.Equal(new OrderLine("p", 1, 5m, null), Assert.Single(placed.Lines));
    }

    [Fact]
    public void OrderPlaced_v2_is_upcast_with_the_clients_prices_and_no_catalog_version()
    {
        var v2 = """{"orderId":"0b9d3c1e-0000-4000-8000-000000000002","customerId":"c-2","lines":[{"productId":"p-1","quantity":2,"unitPrice":9.99},{"productId":"p-2","quantity":1,"unitPrice":100}],"currency":"EUR","total":119.98,"shippingAddress":{"name":"Ada","line1":"1 Way","city":"London","postalCode":"N1","country":"GB"},"placedAt":"2026-01-01T00:00:00+00:00"}""";

        var placed = Assert.IsType<OrderPlaced>(OrderEventCatalog.Instance.Read(OrderEventCatalog.OrderPlacedV2Type, Encoding.UTF8.GetBytes(v2)));

        Assert.Equal([new OrderLine("p-1", 2, 9.99m), new OrderLine("p-2", 1, 100m)], placed.Lines);
        Assert.All(placed.Lines, line => Assert.Null(line.CatalogVersion));
        Assert.Equal((Guid.Parse("0b9d3c1e-0000-4000-8000-000000000002"), "c-2", "EUR", 119.98m), (placed.OrderId, placed.CustomerId, placed.Currency, placed.Total));
        Assert.Equal(new ShippingAddress("Ada", "1 Way", null, "London", "N1", "GB"), placed.ShippingAddress);
    }

    [Fact]
    public void OrderPlaced_is_written_as_v3_with_the_catalog_version_of_each_line()
    {
        var placed = new OrderPlaced(Guid.NewGuid(), "c", [new OrderLine("p-1", 1, 4m, 12)], "EUR", 4m, new ShippingAddress("n", "l1", null, "c", "pc", "NL"), DateTimeOffset.UnixEpoch);

        Assert.Equal(OrderEventCatalog.OrderPlacedType, OrderEventCatalog.Instance.TypeOf(placed));
        Assert.Contains("\"catalogVersion\":12", Encoding.UTF8.GetString(OrderEventCatalog.Instance.Serialize(placed)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unparseable_v1_address_is_kept_whole()
    {
        var upcast = OrderPlacedUpcaster.Upcast(new OrderPlacedV1(Guid.NewGuid(), "c", [], "EUR", 0, "somewhere by the sea", DateTimeOffset.UnixEpoch));

        Assert.Equal("somewhere by the sea", upcast.ShippingAddress.Line1);
    }

    [Fact]
    public void Unknown_types_and_versions_read_as_null()
    {
        Assert.Null(OrderEventCatalog.Instance.Read("shop.order.placed.v4", "{}"u8.ToArray()));
        Assert.Null(OrderEventCatalog.Instance.Read("shop.order.teleported.v1", "{}"u8.ToArray()));
    }
}
