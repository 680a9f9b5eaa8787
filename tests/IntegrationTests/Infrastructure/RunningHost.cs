using Microsoft.Extensions.Hosting;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>A started host that a test ends with <c>await using</c>: stopped gracefully, then disposed.</summary>
public sealed class RunningHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public static async Task<RunningHost> StartAsync(IHost host)
    {
        await host.StartAsync();
        return new RunningHost(host);
    }

    public Task StopAsync() => host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
