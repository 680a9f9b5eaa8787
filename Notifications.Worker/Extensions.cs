using System.Net.Mail;
using System.Text;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Notifications.Worker.Email;
using EdaAspire.Notifications.Worker.Sms;
using EdaAspire.Notifications.Worker.Webhook;
using Microsoft.Extensions.Options;

namespace EdaAspire.Notifications.Worker;

/// <summary>
/// Choreography: notification channels that react to topic <c>orders</c> on their own. Each is its own subscriber
/// (own consumer group, own consumer thread, own state), so a channel that fails, such as a webhook receiver that
/// is down, retries on its own and never delays the others.
/// </summary>
public static class Extensions
{
    public const string ConsumerGroupPrefix = "notifications-";

    public static string ConsumerGroupOf(string channel) => ConsumerGroupPrefix + channel;

    /// <summary>The email, SMS and webhook channels; settings under <c>Notifications:Email|Sms|Webhook</c>.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<NotificationsTelemetry>();
        builder.AddEmailChannel();
        builder.AddSmsChannel();
        builder.AddWebhookChannel();
        return builder;
    }

    private static void AddEmailChannel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.PickupDirectory) && !string.IsNullOrWhiteSpace(o.CustomersFile), "Notifications:Email needs a PickupDirectory and a CustomersFile.")
            .Validate(o => Ascii.IsValid(o.From) && MailAddress.TryCreate(o.From, out _), "Notifications:Email:From must be a mailbox in ASCII, e.g. \"Shop <orders@shop.example>\".")
            .ValidateOnStart();
        builder.Services.AddSingleton<PickupDirectory>();
        builder.Services.AddKeyedSingleton(EmailNotifier.Channel, (sp, _) =>
            OrderCustomersIn(sp, sp.GetRequiredService<IOptions<EmailOptions>>().Value.CustomersFile));
        builder.AddChannelSubscription<EmailNotifier>(EmailNotifier.Channel, EmailOptions.SectionName);
    }

    private static void AddSmsChannel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmsOptions>()
            .BindConfiguration(SmsOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.OutboxFile) && !string.IsNullOrWhiteSpace(o.CustomersFile), "Notifications:Sms needs an OutboxFile and a CustomersFile.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SmsOutbox>();
        builder.Services.AddKeyedSingleton(SmsNotifier.Channel, (sp, _) =>
            OrderCustomersIn(sp, sp.GetRequiredService<IOptions<SmsOptions>>().Value.CustomersFile));
        builder.AddChannelSubscription<SmsNotifier>(SmsNotifier.Channel, SmsOptions.SectionName);
    }

    private static void AddWebhookChannel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .PostConfigure<IConfiguration>((o, configuration) => o.StatusBaseUrl ??= configuration["services:dashboard:http:0"])
            .Validate(o => o.Targets.All(t => IsHttpUrl(t.Url)), "Notifications:Webhook:Targets:{n}:Url must be absolute http(s) URLs.")
            .Validate(o => o.Targets.All(t => t.Payload == WebhookPayload.Fat) || IsHttpUrl(Uri.TryCreate(o.StatusBaseUrl, UriKind.Absolute, out var u) ? u : null),
                "A thin webhook target links to the read side: set Notifications:Webhook:StatusBaseUrl to its absolute http(s) address, or reference the dashboard.")
            .ValidateOnStart();

        // No resilience handler added here: ServiceDefaults' ConfigureHttpClientDefaults gives every client the standard
        // one (timeouts, retries with backoff, circuit breaker); a second would nest two pipelines.
        builder.Services.AddHttpClient(WebhookNotifier.HttpClientName);
        builder.AddChannelSubscription<WebhookNotifier>(WebhookNotifier.Channel, WebhookOptions.SectionName);
    }

    private static bool IsHttpUrl(Uri? url) => url is { IsAbsoluteUri: true, Scheme: "http" or "https" };

    private static OrderCustomers OrderCustomersIn(IServiceProvider services, string file) =>
        new(new KeyedLineFile(file), services.GetRequiredService<NotificationsTelemetry>());

    /// <summary>
    /// The channel's own consumer group on <c>orders</c>. Its position is the group's committed offset (no database):
    /// at-least-once, so every channel's effect is idempotent.
    /// </summary>
    private static void AddChannelSubscription<THandler>(this IHostApplicationBuilder builder, string channel, string section)
        where THandler : class, IMessageHandler<IOrderEvent>
    {
        builder.AddKafkaSubscription<THandler, IOrderEvent>(ConsumerGroupOf(channel), section, s =>
        {
            s.GroupId = ConsumerGroupOf(channel);
            s.Topics = [Topics.Orders];
        }, KnownMessages.Reader(OrderEventCatalog.Instance));
    }
}
