using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (Kestrel, a free port) standing in for the saga's <c>GET /api/backlog</c>: it
/// answers whatever backlog the test set, so ingestion's admission control is driven at its HTTP seam.
/// </summary>
public sealed class SagaBacklogStub : IAsyncDisposable
{
    private WebApplication _app = null!;
    private volatile SagaBacklog _backlog = new(0, 0);

    public Uri Url { get; private set; } = null!;

    public SagaBacklog Backlog
    {
        get => _backlog;
        set => _backlog = value;
    }

    public static async Task<SagaBacklogStub> StartAsync()
    {
        var stub = new SagaBacklogStub();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        stub._app = builder.Build();
        stub._app.MapGet("/api/backlog", () => Results.Json(stub._backlog, ContractsJsonContext.Default.SagaBacklog));
        await stub._app.StartAsync();
        stub.Url = new Uri(stub._app.Urls.Single());
        return stub;
    }

    /// <summary>The saga goes away: its port refuses connections from now on.</summary>
    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
