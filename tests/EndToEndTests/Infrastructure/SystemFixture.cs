using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using EdaAspire.Tests.Aspire;
using EdaAspire.Tests.Webhooks;

namespace EdaAspire.EndToEndTests.Infrastructure;

/// <summary>
/// One embedded system shared by the test classes in the collection <see cref="RunningSystem"/>: starting it takes the better
/// part of a minute. Those tests count from what the system shows when they begin and leave every order they placed ended.
/// The notifications service sends thin webhook notifications to <see cref="Webhooks"/>, a subscriber in this process.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public EmbeddedSystem System { get; private set; } = null!;

    public WebhookReceiver Webhooks { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Webhooks = await WebhookReceiver.StartAsync();
        System = await EmbeddedSystem.StartAsync(builder =>
            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "notifications"))
                .WithEnvironment("Notifications__Webhook__Targets__0__Url", Webhooks.Url.ToString())
                .WithEnvironment("Notifications__Webhook__Targets__0__Payload", "Thin"));
    }

    public async Task DisposeAsync()
    {
        await System.DisposeAsync();
        await Webhooks.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RunningSystem : ICollectionFixture<SystemFixture>
{
    public const string Name = "running system";
}
