using EdaAspire.Tests.Standalone;

namespace EdaAspire.EndToEndTests.Infrastructure;

/// <summary>The standalone host as these tests start it: the one built with them, run from the checkout's root.</summary>
public static class StandaloneSystem
{
    public static Task<StandaloneHost> StartAsync() =>
        StandaloneHost.StartAsync(new StandaloneLaunch(RepositoryPaths.StandaloneAssembly, RepositoryPaths.Root));
}
