using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Tests.Webhooks;

/// <summary>What the receiver was sent, and whether it took it.</summary>
public sealed record WebhookRequest(string? IdempotencyKey, string? ContentType, string Body, bool Accepted);

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (Kestrel, a free port) standing in for a webhook subscriber: it records every
/// request and answers 204, or 500 while told to fail.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<WebhookRequest> _requests = new();
    private WebApplication _app = null!;
    private volatile bool _failing;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<WebhookRequest> Requests => [.. _requests];

    public IReadOnlyList<WebhookRequest> Accepted => [.. _requests.Where(r => r.Accepted)];

    public int Rejected => _requests.Count(r => !r.Accepted);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        receiver._app = builder.Build();
        receiver._app.MapPost("/hooks/orders", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.Url = new Uri(new Uri(receiver._app.Urls.Single()), "/hooks/orders");
        return receiver;
    }

    public void Fail() => _failing = true;

    public void Recover() => _failing = false;

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var accepted = !_failing;
        _requests.Enqueue(new WebhookRequest(request.Headers["Idempotency-Key"], request.ContentType, body, accepted));
        return accepted ? Results.NoContent() : Results.StatusCode(StatusCodes.Status500InternalServerError);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
