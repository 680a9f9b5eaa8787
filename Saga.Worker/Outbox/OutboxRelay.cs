using System.Diagnostics;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Saga.Worker.Data;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
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
    IConfiguration configuration,
    IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const string Source = "urn:edaaspire:saga";

    // The queue's messaging.system for the relay spans (the adapter named by ConnectionStrings:messaging).
    private string QueueSystem => _queueSystem ??= WorkQueueConnection.Parse(
        configuration.GetConnectionString(WorkQueueHostingExtensions.DefaultConnectionName)).MessagingSystem;

    private string? _queueSystem;

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

        // Each row is sent in its own span, so each message continues the trace of the decision that stored it.
        // Commands one by one in outbox order, stopping at the first failure (the queue is likely down; the rest
        // wait for the next pass); events concurrently, as librdkafka batches them on the wire anyway.
        var sent = new List<OutboxMessage>(due.Count);
        var failed = new List<OutboxMessage>();
        foreach (var row in due.Where(m => m.Destination == FulfillmentCommandCatalog.QueueName))
        {
            if (!await TrySendAsync(row, SendCommandAsync, now, cancellationToken))
            {
                failed.Add(row);
                break;
            }

            sent.Add(row);
        }

        var events = due.Where(m => m.Destination == Topics.Orders).ToList();
        var published = await Task.WhenAll(events.Select(row => TrySendAsync(row, PublishEventAsync, now, cancellationToken)));
        sent.AddRange(events.Where((_, i) => published[i]));
        failed.AddRange(events.Where((_, i) => !published[i]));
        LogFailures(failed);

        db.Outbox.RemoveRange(sent);
        await db.SaveChangesAsync(cancellationToken);
        backlog.Observe(await db.Outbox.CountAsync(cancellationToken));
        return sent.Count;
    }

    /// <summary>Sends one row inside its relay span; on failure schedules its next attempt.</summary>
    private async Task<bool> TrySendAsync(
        OutboxMessage row,
        Func<OutboxMessage, ActivityContext, CancellationToken, Task> send,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var system = row.Destination == Topics.Orders ? "kafka" : QueueSystem;
        using var span = OutboxTelemetry.StartRelay(row, system);
        try
        {
            await send(row, span?.Context ?? TraceOf(row), cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            span?.SetTag(MessagingAttributes.ErrorType, ex.GetType().FullName);
            row.Attempts++;
            row.NextAttemptAt = now + Backoff(row.Attempts);
            row.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            return false;
        }
    }

    private void LogFailures(List<OutboxMessage> failed)
    {
        // One line per destination and pass, not one per row: a broker outage would otherwise flood the log.
        foreach (var group in failed.GroupBy(r => r.Destination))
        {
            logger.LogWarning("Could not send {Count} outbox message(s) to {Destination}: {Error}; retrying with backoff",
                group.Count(), group.Key, group.First().LastError);
        }
    }

    private Task SendCommandAsync(OutboxMessage row, ActivityContext trace, CancellationToken cancellationToken) =>
        fulfillment.SendAsync(new QueueMessage
        {
            MessageId = row.MessageId,
            Body = row.Body,
            CorrelationId = row.OrderId,
            Subject = row.Type,
            ContentType = EventEnvelope.JsonContentType,
            ApplicationProperties = QueueEnvelopeProperties.ToProperties(ToEnvelope(row), trace),
        }, cancellationToken);

    // The publisher's own "send" span is a child of the relay span; the record carries the send span's context.
    private Task PublishEventAsync(OutboxMessage row, ActivityContext trace, CancellationToken cancellationToken) =>
        publisher.PublishAsync(Topics.Orders, new OutgoingEvent(row.OrderId, ToEnvelope(row)), cancellationToken);

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
