using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>
/// An OTLP/HTTP (protobuf) receiver on 127.0.0.1: <c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>, as a
/// collector or Aspire's dashboard takes them. Keeps what it decodes for the test to look at.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TraceSpan> _spans = new();
    private readonly ConcurrentQueue<(string Service, string Metric)> _metrics = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();

    private OtlpReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/traces", request => ReceiveAsync(request, body => Enqueue(_spans, OtlpMessages.Spans(body))));
        _app.MapPost("/v1/metrics", request => ReceiveAsync(request, body => Enqueue(_metrics, OtlpMessages.MetricNames(body))));
        _app.MapPost("/v1/logs", request => ReceiveAsync(request, body => Enqueue(_logs, OtlpMessages.Logs(body))));
    }

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyCollection<TraceSpan> Spans => _spans;

    public IReadOnlyCollection<(string Service, string Metric)> Metrics => _metrics;

    public IReadOnlyCollection<ReceivedLog> Logs => _logs;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ReceiveAsync(HttpContext context, Action<ReadOnlyMemory<byte>> decode)
    {
        using var body = new MemoryStream();
        var input = context.Request.Headers.ContentEncoding == "gzip" ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body;
        await using (input)
        {
            await input.CopyToAsync(body, context.RequestAborted);
        }

        decode(body.ToArray());
        // An empty Export*ServiceResponse: everything accepted.
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static void Enqueue<T>(ConcurrentQueue<T> queue, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            queue.Enqueue(item);
        }
    }
}
