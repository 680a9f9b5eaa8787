using EdaAspire.Contracts.Clickstream;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Web.Dashboard.Admin.LoadGeneration;

/// <summary>
/// Sends orders and clickstream events to Ingestion.Api at the plan's rates for its duration: each second's share
/// starts on that second, so the rate holds while the answers come back. One run at a time per dashboard process;
/// progress is pushed through <see cref="Changed"/> a few times a second.
/// </summary>
public sealed class LoadGenerator(IServiceScopeFactory scopes, TimeProvider time, ILogger<LoadGenerator> logger) : IAsyncDisposable
{
    /// <summary>At most this many requests in flight: a slow API slows the run instead of piling up sockets.</summary>
    public const int MaxInFlight = 64;

    private const int MaxEventsPerBatch = 1000;
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);
    private static readonly string[] ClickTypes =
    [
        ClickEventTypes.PageViewed, ClickEventTypes.PageViewed, ClickEventTypes.ProductViewed, ClickEventTypes.ProductViewed,
        ClickEventTypes.AddedToCart, ClickEventTypes.CheckoutStarted,
    ];

    private readonly Lock _gate = new();
    private CancellationTokenSource? _stop;
    private Task _run = Task.CompletedTask;
    private long _sent;
    private long _accepted;
    private long _failed;
    private long _startedAt;
    private TimeSpan _duration;
    private string? _lastError;
    private bool _running;

    /// <summary>Raised with the progress while a run goes on and once when it ends; on a pool thread.</summary>
    public event Action<LoadProgress>? Changed;

    public LoadProgress Progress => new(
        _running,
        _running ? Min(time.GetElapsedTime(_startedAt), _duration) : _duration,
        _duration,
        Interlocked.Read(ref _sent),
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _failed),
        _lastError);

    /// <returns>False when a run is going on already.</returns>
    /// <exception cref="FormatException">The product mix does not parse.</exception>
    public bool Start(LoadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var mix = ProductMix.Parse(plan.ProductMix);
        lock (_gate)
        {
            if (_running)
            {
                return false;
            }

            _running = true;
            _sent = _accepted = _failed = 0;
            _lastError = null;
            _duration = plan.Duration;
            _startedAt = time.GetTimestamp();
            _stop = new CancellationTokenSource();
            var token = _stop.Token;
            _run = Task.Run(() => RunAsync(plan, mix, token), CancellationToken.None);
            return true;
        }
    }

    public async Task StopAsync()
    {
        if (_stop is { } stop)
        {
            await stop.CancelAsync();
        }

        await _run;
    }

    private async Task RunAsync(LoadPlan plan, ProductMix mix, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var random = new Random();
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var pending = new List<Task>();
        using var reporter = time.CreateTimer(_ => Changed?.Invoke(Progress), null, ReportEvery, ReportEvery);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var ingestion = scope.ServiceProvider.GetRequiredService<IngestionClient>();
            var orderNumber = 0;
            for (var second = 0; second < plan.DurationSeconds && !cancellationToken.IsCancellationRequested; second++)
            {
                for (var i = 0; i < plan.OrdersPerSecond; i++)
                {
                    var order = Order(mix, random, orderNumber);
                    var key = $"load-{runId}-{orderNumber++}";
                    pending.Add(SendAsync(inFlight, 1, ct => OneIfAsync(ingestion.PlaceOrderAsync(order, key, ct)), cancellationToken));
                }

                foreach (var batch in Clicks(mix, random, runId, plan.ClicksPerSecond, time.GetUtcNow()).Chunk(MaxEventsPerBatch))
                {
                    pending.Add(SendAsync(inFlight, batch.Length, ct => ingestion.PostClicksAsync(new ClickstreamBatch(batch), ct), cancellationToken));
                }

                var nextSecond = TimeSpan.FromSeconds(second + 1) - time.GetElapsedTime(_startedAt);
                if (nextSecond > TimeSpan.Zero)
                {
                    await Task.Delay(nextSecond, time, cancellationToken);
                }

                pending.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the operator.
        }
        finally
        {
            await Task.WhenAll(pending);
            lock (_gate)
            {
                _duration = Min(time.GetElapsedTime(_startedAt), _duration);
                _running = false;
            }

            logger.LogInformation("Load run ended: {Sent} sent, {Accepted} accepted, {Failed} failed", _sent, _accepted, _failed);
            Changed?.Invoke(Progress);
        }
    }

    /// <summary>Sends and counts: <paramref name="count"/> items, of which <paramref name="send"/> reports how many were accepted.</summary>
    private async Task SendAsync(SemaphoreSlim inFlight, int count, Func<CancellationToken, Task<int>> send, CancellationToken cancellationToken)
    {
        try
        {
            await inFlight.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            Interlocked.Add(ref _sent, count);
            var accepted = await send(cancellationToken);
            Interlocked.Add(ref _accepted, accepted);
            Interlocked.Add(ref _failed, count - accepted);
        }
        catch (Exception ex)
        {
            // Counted, never thrown: the run goes on and the page shows the last error.
            Interlocked.Add(ref _failed, count);
            _lastError = ex.Message;
        }
        finally
        {
            inFlight.Release();
        }
    }

    private static async Task<int> OneIfAsync(Task<bool> accepted) => await accepted ? 1 : 0;

    private static PlaceOrderRequest Order(ProductMix mix, Random random, int number)
    {
        var lines = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => mix.Pick(random))
            .Distinct()
            // No prices: the server prices each line from the catalog.
            .Select(product => (OrderLineRequest?)new OrderLineRequest(product, random.Next(1, 4)))
            .ToList();
        return new PlaceOrderRequest(
            $"load-customer-{number % 50}",
            lines,
            "EUR",
            new ShippingAddress("Load Test", "1 Generator Street", null, "Berlin", "10115", "DE"));
    }

    private static IEnumerable<ClickEvent?> Clicks(ProductMix mix, Random random, string runId, int count, DateTimeOffset now)
    {
        for (var i = 0; i < count; i++)
        {
            var type = ClickTypes[random.Next(ClickTypes.Length)];
            var product = type == ClickEventTypes.PageViewed ? null : mix.Pick(random);
            yield return new ClickEvent(type, $"load-{runId}-s{random.Next(20)}", null, product, null,
                product is null ? "/" : $"/p/{product}", now);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop?.Dispose();
    }
}
