using EdaAspire.Tests.Aspire;

namespace EdaAspire.EndToEndTests.Infrastructure;

/// <summary>
/// One embedded system shared by the test classes in the collection <see cref="RunningSystem"/>: starting it takes the better
/// part of a minute. Those tests count from what the system shows when they begin and leave every order they placed ended.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public EmbeddedSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await EmbeddedSystem.StartAsync();

    public async Task DisposeAsync() => await System.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RunningSystem : ICollectionFixture<SystemFixture>
{
    public const string Name = "running system";
}
