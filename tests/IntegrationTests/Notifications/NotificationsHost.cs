extern alias notifications;

using EdaAspire.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using notifications::EdaAspire.Notifications.Worker;
using notifications::EdaAspire.Notifications.Worker.Email;
using notifications::EdaAspire.Notifications.Worker.Sms;
using notifications::EdaAspire.Notifications.Worker.Webhook;
using NotificationsExtensions = notifications::EdaAspire.Notifications.Worker.Extensions;

namespace EdaAspire.IntegrationTests.Notifications;

/// <summary>The notification channels alone in a generic host, registered as Notifications.Worker registers them.</summary>
public static class NotificationsHost
{
    public static IReadOnlyList<string> ConsumerGroups { get; } =
        [.. new[] { EmailNotifier.Channel, SmsNotifier.Channel, WebhookNotifier.Channel }.Select(NotificationsExtensions.ConsumerGroupOf)];

    public static Task<RunningHost> StartAsync(string kafkaBootstrap, NotificationFolders folders, Uri webhookUrl) =>
        RunningHost.StartAsync(Build(kafkaBootstrap, folders, webhookUrl));

    /// <summary>The host, not started; <paramref name="settings"/> add to or override the test's settings.</summary>
    public static IHost Build(string kafkaBootstrap, NotificationFolders folders, Uri webhookUrl, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(folders.Settings())
        {
            ["ConnectionStrings:kafka"] = kafkaBootstrap,
            ["Notifications:Webhook:Targets:0:Url"] = webhookUrl.ToString(),
            ["Notifications:Webhook:MaxRetryDelay"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
            // A failing receiver is what some tests provoke; its retries would only bury a real failure.
            ["Logging:LogLevel:EdaAspire"] = "Critical",
            ["Logging:LogLevel:Polly"] = "Critical",
            ["Logging:LogLevel:System.Net.Http"] = "Critical",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.AddNotifications();

        // The standard resilience handler's retries (ServiceDefaults gives it to every client), shortened from 2 s
        // exponential so a test waits less on them. ConfigureAll: the handler's options instance has an internal name.
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(o =>
        {
            o.Retry.Delay = TimeSpan.FromMilliseconds(50);
            o.Retry.UseJitter = false;
        });
        return builder.Build();
    }
}
