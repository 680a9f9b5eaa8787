using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using EdaAspire.Contracts.Orders;
using EdaAspire.EndToEndTests.Infrastructure;
using EdaAspire.ReadModels.Orders;
using EdaAspire.Tests.Webhooks;
using Xunit.Abstractions;

namespace EdaAspire.EndToEndTests.Notifications;

/// <summary>
/// Event notification against the running system: the notifications service tells a webhook subscriber only that an
/// order ended and where to read it; the subscriber calls the link back and finds the order on the read side, in the
/// state the notification announced once the projection caught up (the two are separate consumers of the log).
/// </summary>
[Collection(RunningSystem.Name)]
public sealed class ThinNotificationTests(SystemFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_subscriber_resolves_a_thin_notification_by_calling_back_the_read_side()
    {
        using var http = new HttpClient();
        var order = new PlaceOrderRequest("customer-thin", [new OrderLineRequest("p-3", 1)], "EUR",
            new ShippingAddress("Ada", "1 Way", null, "London", "N1", "GB"));
        using var accepted = await OrderPosting.PostUntilAcceptedAsync(http, new Uri(fixture.System.IngestionUrl, "/api/orders"),
            () => JsonContent.Create(order), $"thin-{Guid.NewGuid()}");
        var orderId = (await accepted.Content.ReadFromJsonAsync<OrderAccepted>())!.OrderId;

        var notification = await WaitForAsync(() => fixture.Webhooks.Accepted.FirstOrDefault(r => Subject(r) == orderId.ToString()),
            () => $"no notification about {orderId}; {fixture.Webhooks.Requests.Count} requests so far");
        output.WriteLine(notification.Body);
        using var cloudEvent = JsonDocument.Parse(notification.Body);
        var type = cloudEvent.RootElement.GetProperty("type").GetString();
        Assert.Contains(type, new[] { "shop.order.confirmed.v1", "shop.order.cancelled.v1" });
        Assert.False(cloudEvent.RootElement.TryGetProperty("data", out _), notification.Body);
        var link = new Uri(cloudEvent.RootElement.GetProperty("dataref").GetString()!);
        Assert.Equal(new Uri(fixture.System.DashboardUrl, $"/api/orders/{orderId}"), link);

        // The read side is eventually consistent: the projection may not have caught up with the notification yet.
        var expected = type == "shop.order.confirmed.v1" ? OrderStatus.Confirmed : OrderStatus.Cancelled;
        var summary = await ReadSide.WaitForOrderAsync(http, link, o => o.Status == expected, Limit);
        Assert.Equal(orderId, summary.OrderId);
    }

    private static string? Subject(WebhookRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        return json.RootElement.TryGetProperty("subject", out var subject) ? subject.GetString() : null;
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, Func<string> whatWasSeen) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            Assert.True(clock.Elapsed < Limit, $"Within {Limit.TotalSeconds} s: {whatWasSeen()}");
            await Task.Delay(250); // polls the condition; the limit fails the test
        }
    }
}
