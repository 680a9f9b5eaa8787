using System.Text.Json;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Notifications.Worker.Webhook;

namespace EdaAspire.UnitTests.Notifications;

public class CloudEventJsonTests
{
    [Fact]
    public void A_webhook_body_is_the_event_in_structured_cloudevents_json()
    {
        var order = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 15, TimeSpan.Zero);
        var envelope = new EventEnvelope("e-1", "shop.order.cancelled.v1", "urn:saga", at, Array.Empty<byte>()) { Subject = order.ToString() };

        using var json = JsonDocument.Parse(CloudEventJson.Serialize(envelope, new OrderCancelled(order, "stock unavailable")));
        var root = json.RootElement;

        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("e-1", root.GetProperty("id").GetString());
        Assert.Equal("shop.order.cancelled.v1", root.GetProperty("type").GetString());
        Assert.Equal("urn:saga", root.GetProperty("source").GetString());
        Assert.Equal(at, root.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(order.ToString(), root.GetProperty("subject").GetString());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal(order, root.GetProperty("data").GetProperty("orderId").GetGuid());
        Assert.Equal("stock unavailable", root.GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public void A_thin_webhook_body_names_what_happened_and_links_to_the_read_side_instead_of_carrying_data()
    {
        var order = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 15, TimeSpan.Zero);
        var envelope = new EventEnvelope("e-2", "shop.order.confirmed.v1", "urn:saga", at, Array.Empty<byte>());
        var link = new Uri($"https://shop.example/api/orders/{order}");

        using var json = JsonDocument.Parse(CloudEventJson.SerializeThin(envelope, new OrderConfirmed(order, 25.5m, "EUR"), link));
        var root = json.RootElement;

        Assert.Equal(["specversion", "id", "type", "source", "time", "subject", "dataref"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("e-2", "shop.order.confirmed.v1", order.ToString()), (
            root.GetProperty("id").GetString(), root.GetProperty("type").GetString(), root.GetProperty("subject").GetString()));
        Assert.Equal(link.AbsoluteUri, root.GetProperty("dataref").GetString());
    }
}
