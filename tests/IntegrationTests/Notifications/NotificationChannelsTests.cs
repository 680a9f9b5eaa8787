extern alias notifications;

using System.Diagnostics;
using System.Text.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using notifications::EdaAspire.Notifications.Worker;
using notifications::EdaAspire.Notifications.Worker.Email;
using notifications::EdaAspire.Notifications.Worker.Sms;
using notifications::EdaAspire.Notifications.Worker.Webhook;
using EdaAspire.Tests.Webhooks;
using Microsoft.Extensions.Options;
using NotificationsExtensions = notifications::EdaAspire.Notifications.Worker.Extensions;

namespace EdaAspire.IntegrationTests.Notifications;

/// <summary>
/// The email, SMS and webhook channels (choreography) on the embedded cluster, writing real files and POSTing to a
/// real local HTTP receiver: once per event, isolated from each other's failures, resuming after a restart.
/// </summary>
public sealed class NotificationChannelsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 15, TimeSpan.Zero);
    private static readonly string EmailGroup = NotificationsExtensions.ConsumerGroupOf(EmailNotifier.Channel);
    private static readonly string SmsGroup = NotificationsExtensions.ConsumerGroupOf(SmsNotifier.Channel);
    private static readonly string WebhookGroup = NotificationsExtensions.ConsumerGroupOf(WebhookNotifier.Channel);

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly NotificationFolders _folders = new();
    private readonly OrderEventWriter _writer;
    private readonly ConsumerGroupProbe _groups;

    public NotificationChannelsTests()
    {
        _writer = new OrderEventWriter(_kafka.BootstrapServers);
        _groups = new ConsumerGroupProbe(_kafka.BootstrapServers);
    }

    private static OrderPlaced Placed(Guid order, string customer) =>
        new(order, customer, [new OrderLine("p-1", 2, 12.75m)], "EUR", 25.5m, new ShippingAddress("Ada", "1 Way", null, "London", "N1", "GB"), T0);

    /// <summary>Placed, shipment scheduled, confirmed: ids <c>{prefix}-placed|shipped|confirmed</c>.</summary>
    private async Task ConfirmedOrderAsync(string prefix, string customer, Guid? id = null)
    {
        var order = id ?? Guid.NewGuid();
        await _writer.WriteAsync(Placed(order, customer), T0, $"{prefix}-placed");
        await _writer.WriteAsync(new ShipmentScheduled(order, $"{prefix}-ship", "PostNL"), T0.AddSeconds(1), $"{prefix}-shipped");
        await _writer.WriteAsync(new OrderConfirmed(order, 25.5m, "EUR"), T0.AddSeconds(2), $"{prefix}-confirmed");
    }

    /// <summary>Placed, cancelled: ids <c>{prefix}-placed|cancelled</c>.</summary>
    private async Task CancelledOrderAsync(string prefix, string customer)
    {
        var order = Guid.NewGuid();
        await _writer.WriteAsync(Placed(order, customer), T0, $"{prefix}-placed");
        await _writer.WriteAsync(new OrderCancelled(order, "payment declined"), T0.AddSeconds(1), $"{prefix}-cancelled");
    }

    private Task CaughtUpAsync(params string[] groups) =>
        _groups.WaitUntilCaughtUpAsync(Topics.Orders, groups.Length == 0 ? NotificationsHost.ConsumerGroups : groups);

    private static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((limit ?? TimeSpan.FromSeconds(30)).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50); // polls the condition; the limit fails the test
        }
    }

    private static Dictionary<string, string> Headers(string eml) => eml[..eml.IndexOf("\r\n\r\n", StringComparison.Ordinal)]
        .Split("\r\n")
        .Select(line => line.Split(": ", 2))
        .ToDictionary(h => h[0], h => h[1], StringComparer.Ordinal);

    private List<string> SmsEventIds() => [.. _folders.SmsLines().Select(l => l.Split('\t')[0])];

    private static List<string> Keys(IEnumerable<WebhookRequest> requests) => [.. requests.Select(r => r.IdempotencyKey!).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Each_channel_notifies_once_per_event_even_when_the_log_holds_a_copy_or_an_unknown_type()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationsHost.StartAsync(_kafka.BootstrapServers, _folders, receiver.Url);
        using var sent = new SentNotifications(host.Services);
        var anna = Guid.NewGuid();
        await ConfirmedOrderAsync("a", "c-anna", anna);
        await CancelledOrderAsync("b", "c-ben");
        // Copies a producer retry could leave in the log: same event ids.
        await _writer.WriteAsync(new ShipmentScheduled(anna, "a-ship", "PostNL"), T0.AddSeconds(1), "a-shipped");
        await _writer.WriteAsync(new OrderConfirmed(anna, 25.5m, "EUR"), T0.AddSeconds(2), "a-confirmed");
        // A type from a newer producer: skipped, never in the way.
        await _writer.WriteRawAsync(anna, "shop.order.gift_wrapped.v1", "{}"u8.ToArray(), T0.AddSeconds(3), "a-wrapped");

        await CaughtUpAsync();

        var emails = _folders.Emails();
        Assert.Equal(["a-confirmed.eml", "b-cancelled.eml"], emails.Keys.Order(StringComparer.Ordinal));
        var confirmed = Headers(emails["a-confirmed.eml"]);
        Assert.Equal("c-anna@customers.example", confirmed["To"]);
        Assert.Equal("<a-confirmed@notifications.shop.example>", confirmed["Message-ID"]);
        Assert.StartsWith("Your order", confirmed["Subject"], StringComparison.Ordinal);
        Assert.EndsWith("is confirmed", confirmed["Subject"], StringComparison.Ordinal);
        var cancelled = Headers(emails["b-cancelled.eml"]);
        Assert.Equal("c-ben@customers.example", cancelled["To"]);
        Assert.EndsWith("was cancelled", cancelled["Subject"], StringComparison.Ordinal);

        var sms = Assert.Single(_folders.SmsLines());
        Assert.StartsWith("a-shipped\t" + CustomerContacts.PhoneOf("c-anna") + "\t", sms, StringComparison.Ordinal);

        // The receiver deduplicates by Idempotency-Key: a resend must carry the very same CloudEvent.
        Assert.Equal(["a-confirmed", "b-cancelled"], Keys(receiver.Accepted));
        Assert.All(receiver.Accepted.GroupBy(r => r.IdempotencyKey), copies => Assert.Single(copies.Select(c => c.Body).Distinct()));
        Assert.All(receiver.Accepted, r => Assert.Equal("application/cloudevents+json; charset=utf-8", r.ContentType));
        using var cloudEvent = JsonDocument.Parse(receiver.Accepted.First(r => r.IdempotencyKey == "b-cancelled").Body);
        Assert.Equal(("b-cancelled", "shop.order.cancelled.v1", "payment declined"), (
            cloudEvent.RootElement.GetProperty("id").GetString(),
            cloudEvent.RootElement.GetProperty("type").GetString(),
            cloudEvent.RootElement.GetProperty("data").GetProperty("reason").GetString()));

        // At-least-once, counted as it happened: the copied confirmation was emailed (rewritten) and POSTed again, the SMS skipped.
        Assert.Equal(3, sent[EmailNotifier.Channel, NotificationsTelemetry.Delivered]);
        Assert.Equal((1, 1), (sent[SmsNotifier.Channel, NotificationsTelemetry.Delivered], sent[SmsNotifier.Channel, NotificationsTelemetry.Duplicate]));
        Assert.Equal(3, sent[WebhookNotifier.Channel, NotificationsTelemetry.Delivered]);
    }

    [Fact]
    public async Task A_failing_webhook_receiver_delays_neither_email_nor_sms_and_gets_what_it_missed_once_it_recovers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationsHost.StartAsync(_kafka.BootstrapServers, _folders, receiver.Url);
        await ConfirmedOrderAsync("w", "c-wim");
        await CaughtUpAsync();

        receiver.Fail();
        await ConfirmedOrderAsync("x", "c-xia");
        await CancelledOrderAsync("y", "c-yves");

        // Email and SMS deliver and move on while the webhook channel is still being refused and retrying.
        await CaughtUpAsync(EmailGroup, SmsGroup);
        Assert.Contains("x-confirmed.eml", _folders.Emails().Keys);
        Assert.Contains("y-cancelled.eml", _folders.Emails().Keys);
        Assert.Contains("x-shipped", SmsEventIds());
        var refusedSoFar = receiver.Rejected;
        await WaitUntilAsync(() => receiver.Rejected > refusedSoFar, "the webhook channel retries again");
        Assert.False(_groups.CaughtUp(WebhookGroup, Topics.Orders));
        Assert.Equal(["w-confirmed"], Keys(receiver.Accepted));

        receiver.Recover();
        await CaughtUpAsync(WebhookGroup);

        Assert.Equal(["w-confirmed", "x-confirmed", "y-cancelled"], Keys(receiver.Accepted));
        Assert.Single(receiver.Accepted, r => r.IdempotencyKey == "w-confirmed");
    }

    [Fact]
    public async Task After_a_restart_only_the_new_events_are_notified()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var anna = Guid.NewGuid();
        var carl = Guid.NewGuid();
        await using (var first = await NotificationsHost.StartAsync(_kafka.BootstrapServers, _folders, receiver.Url))
        {
            await ConfirmedOrderAsync("a", "c-anna", anna);
            await _writer.WriteAsync(Placed(carl, "c-carl"), T0, "c-placed");
            await CaughtUpAsync();
        }

        var annaEmail = new FileInfo(_folders.EmailPath("a-confirmed.eml"));
        var annaWritten = annaEmail.LastWriteTimeUtc;
        var acceptedBefore = receiver.Accepted.Count;

        // While the channels are down: a new order, the rest of one placed before, and a copy of a notified event.
        await CancelledOrderAsync("b", "c-ben");
        await _writer.WriteAsync(new ShipmentScheduled(carl, "c-ship", "DHL"), T0.AddSeconds(1), "c-shipped");
        await _writer.WriteAsync(new OrderConfirmed(carl, 25.5m, "EUR"), T0.AddSeconds(2), "c-confirmed");
        await _writer.WriteAsync(new ShipmentScheduled(anna, "a-ship", "PostNL"), T0.AddSeconds(1), "a-shipped");

        await using (var second = await NotificationsHost.StartAsync(_kafka.BootstrapServers, _folders, receiver.Url))
        {
            await CaughtUpAsync();
        }

        Assert.Equal(["a-confirmed.eml", "b-cancelled.eml", "c-confirmed.eml"], _folders.Emails().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(annaWritten, new FileInfo(annaEmail.FullName).LastWriteTimeUtc);
        // Carl was placed before the restart: the channel remembered whom to tell.
        Assert.Equal("c-carl@customers.example", Headers(_folders.Emails()["c-confirmed.eml"])["To"]);
        Assert.Equal(["a-shipped", "c-shipped"], SmsEventIds());
        Assert.Equal(["b-cancelled", "c-confirmed"], Keys(receiver.Accepted.Skip(acceptedBefore)));
        Assert.Equal(acceptedBefore + 2, receiver.Accepted.Count);
    }

    [Fact]
    public async Task A_thin_target_is_told_what_happened_and_where_to_read_it_while_a_fat_one_gets_the_whole_event()
    {
        await using var fat = await WebhookReceiver.StartAsync();
        await using var thin = await WebhookReceiver.StartAsync();
        await using var host = await RunningHost.StartAsync(NotificationsHost.Build(_kafka.BootstrapServers, _folders, fat.Url, new Dictionary<string, string?>
        {
            ["Notifications:Webhook:Targets:1:Url"] = thin.Url.ToString(),
            ["Notifications:Webhook:Targets:1:Payload"] = "Thin",
            ["services:dashboard:http:0"] = "http://dashboard.test:5190/",
        }));
        var order = Guid.NewGuid();
        await ConfirmedOrderAsync("t", "c-tess", order);
        await CaughtUpAsync(WebhookGroup);

        var fatBody = Assert.Single(fat.Accepted);
        var thinBody = Assert.Single(thin.Accepted);
        Assert.Equal(("t-confirmed", "t-confirmed"), (fatBody.IdempotencyKey, thinBody.IdempotencyKey));
        Assert.Equal("application/cloudevents+json; charset=utf-8", thinBody.ContentType);
        using var thinEvent = JsonDocument.Parse(thinBody.Body);
        var root = thinEvent.RootElement;
        Assert.Equal(("t-confirmed", "shop.order.confirmed.v1", order.ToString()), (
            root.GetProperty("id").GetString(), root.GetProperty("type").GetString(), root.GetProperty("subject").GetString()));
        Assert.Equal($"http://dashboard.test:5190/api/orders/{order}", root.GetProperty("dataref").GetString());
        Assert.False(root.TryGetProperty("data", out _), thinBody.Body);
        using var fatEvent = JsonDocument.Parse(fatBody.Body);
        Assert.Equal(25.5m, fatEvent.RootElement.GetProperty("data").GetProperty("total").GetDecimal());
        Assert.False(fatEvent.RootElement.TryGetProperty("dataref", out _), fatBody.Body);
    }

    [Fact]
    public async Task A_thin_target_with_no_read_side_to_link_to_stops_the_start_saying_what_to_set()
    {
        using var host = NotificationsHost.Build(_kafka.BootstrapServers, _folders, new Uri("http://127.0.0.1:9/hooks"), new Dictionary<string, string?>
        {
            ["Notifications:Webhook:Targets:0:Payload"] = "Thin",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Notifications:Webhook:StatusBaseUrl", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _kafka.Dispose();
        _folders.Dispose();
    }
}
