using EdaAspire.Tests.Aspire;

namespace EdaAspire.EndToEndTests.Infrastructure;

/// <summary>One embedded system for a test class: starting it takes the better part of a minute.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public EmbeddedSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await EmbeddedSystem.StartAsync();

    public async Task DisposeAsync() => await System.DisposeAsync();
}
