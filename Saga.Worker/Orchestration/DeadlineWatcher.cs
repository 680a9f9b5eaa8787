using System.ComponentModel.DataAnnotations;
using EdaAspire.Saga.Worker.Data;
using EdaAspire.Saga.Worker.Orders;
using EdaAspire.Saga.Worker.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdaAspire.Saga.Worker.Orchestration;

/// <summary>
/// Feeds <see cref="DeadlineExpired"/> to sagas whose step took too long, each in its own transaction with
/// the same optimistic concurrency as the consumer: if a result arrived meanwhile, the version check fails,
/// nothing is written, and the next tick sees the new state (and usually no expired deadline).
/// </summary>
public sealed class DeadlineWatcher(
    IServiceScopeFactory scopes,
    OrderSaga saga,
    TimeProvider clock,
    SagaTelemetry telemetry,
    OutboxSignal outbox,
    IOptions<DeadlineWatcherOptions> options,
    ILogger<DeadlineWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ExpireDueAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Checking saga deadlines failed; trying again in {Interval}", options.Value.Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SagaDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.Sagas.AsNoTracking()
            .Where(s => s.DeadlineAt != null && s.DeadlineAt <= now)
            .OrderBy(s => s.DeadlineAt)
            .Select(s => s.OrderId)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        var expired = 0;
        foreach (var orderId in due)
        {
            expired += await ExpireAsync(db, orderId, now, cancellationToken) ? 1 : 0;
        }

        return expired;
    }

    private async Task<bool> ExpireAsync(SagaDbContext db, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();

        // A timer, not a message, caused this: a trace of its own, which the outbox rows it writes continue.
        using var span = SagaTelemetry.Source.StartActivity("expire deadline");
        span?.SetTag(SagaTelemetry.OrderIdAttribute, orderId.ToString());
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var state = await db.Sagas.SingleAsync(s => s.OrderId == orderId, ct);
                var was = state.Status;
                var decision = saga.Handle(state, new DeadlineExpired(orderId, now), now);
                if (decision.State is not { } next)
                {
                    return false;
                }

                db.Entry(state).CurrentValues.SetValues(next);
                OutboxWriter.Add(db, decision.Messages, causationId: $"deadline:{orderId:N}:{state.Version}", now);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                outbox.Notify();
                if (SagaTelemetry.IsTerminal(next.Status))
                {
                    telemetry.RecordOutcomes([next.Status]);
                }

                logger.LogInformation("Order {OrderId}: step deadline passed while {Status}; now {Next}", orderId, was, next.Status);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The consumer changed this saga first; its new state decides.
            return false;
        }
    }
}

public sealed class DeadlineWatcherOptions
{
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}
