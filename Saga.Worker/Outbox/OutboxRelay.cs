using System.Diagnostics;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Saga.Worker.Data;
using EdaAspire.WorkQueue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdaAspire.Saga.Worker.Outbox;

/// <summary>
/// Sends what the sagas stored in the outbox: commands to queue <c>fulfillment</c>, outcome events to topic
/// <c>orders</c>; deletes each row once the broker has it. A failed send is retried with exponential backoff.
/// A row sent but not yet deleted (a crash in between, or two replicas relaying at once) is sent again
/// under the same message id, which the queue's duplicate detection and the consumers' inboxes absorb.
/// </summary>
public sealed class OutboxRelay(
    IServiceScopeFactory scopes,
    [FromKeyedServices(FulfillmentCommandCatalog.QueueName)] IWorkQueue fulfillment,
    EventPublisher publisher,
    OutboxBacklog backlog,
    TimeProvider clock,
    IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const string Source = "urn:edaaspire:saga";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Drain as fast as the brokers take it; poll gently when idle.
                if (await TryRelayOnceAsync(stoppingToken) < options.Value.BatchSize)
                {
                    await Task.Delay(options.Value.IdleDelay, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is unsent stays in the outbox for the next start.
        }
    }

    private async Task<int> TryRelayOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await RelayOnceAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The outbox relay failed; retrying");
            return 0;
        }
    }

    /// <returns>How many messages were sent.</returns>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SagaDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.Outbox
            .Where(m => m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        backlog.Observe(await db.Outbox.CountAsync(cancellationToken));
        if (due.Count == 0)
        {
            return 0;
        }

        var commands = due.Where(m => m.Destination == FulfillmentCommandCatalog.QueueName).ToList();
        var events = due.Where(m => m.Destination == Topics.Orders).ToList();
        var sent = new List<OutboxMessage>(due.Count);
        await SendAsync(commands, SendCommandsAsync, sent, now, cancellationToken);
        await SendAsync(events, PublishEventsAsync, sent, now, cancellationToken);

        db.Outbox.RemoveRange(sent);
        await db.SaveChangesAsync(cancellationToken);
        backlog.Observe(await db.Outbox.CountAsync(cancellationToken));
        return sent.Count;
    }

    private async Task SendAsync(
        List<OutboxMessage> rows,
        Func<List<OutboxMessage>, CancellationToken, Task> send,
        List<OutboxMessage> sent,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        try
        {
            await send(rows, cancellationToken);
            sent.AddRange(rows);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            foreach (var row in rows)
            {
                row.Attempts++;
                row.NextAttemptAt = now + Backoff(row.Attempts);
                row.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            }

            logger.LogWarning(ex, "Could not send {Count} outbox message(s) to {Destination}; retrying with backoff", rows.Count, rows[0].Destination);
        }
    }

    private Task SendCommandsAsync(List<OutboxMessage> rows, CancellationToken cancellationToken) =>
        fulfillment.SendAsync(rows.Select(row => new QueueMessage
        {
            MessageId = row.MessageId,
            Body = row.Body,
            CorrelationId = row.OrderId,
            Subject = row.Type,
            ContentType = EventEnvelope.JsonContentType,
            ApplicationProperties = QueueEnvelopeProperties.ToProperties(ToEnvelope(row), TraceOf(row)),
        }).ToList(), cancellationToken);

    private async Task PublishEventsAsync(List<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        // One publish per row, each in the trace of the decision that produced it; librdkafka batches them on the wire.
        await Task.WhenAll(rows.Select(async row =>
        {
            using var parent = Activity.Current is null && TraceOf(row) is { } trace && trace != default
                ? MessagingTelemetry.Source.StartActivity("outbox relay", ActivityKind.Internal, trace)
                : null;
            await publisher.PublishAsync(Topics.Orders, new OutgoingEvent(row.OrderId, ToEnvelope(row)), cancellationToken);
        }));
    }

    private static EventEnvelope ToEnvelope(OutboxMessage row) =>
        new(row.MessageId, row.Type, Source, row.CreatedAt, row.Body)
        {
            Subject = row.OrderId,
            CorrelationId = row.OrderId,
            CausationId = row.CausationId,
        };

    private static ActivityContext TraceOf(OutboxMessage row) =>
        ActivityContext.TryParse(row.TraceParent, null, isRemote: true, out var context) ? context : default;

    private TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMilliseconds(Math.Min(options.Value.MaxRetryDelay.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(attempts, 16))));
}

public sealed class OutboxRelayOptions
{
    public int BatchSize { get; set; } = 200;

    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
