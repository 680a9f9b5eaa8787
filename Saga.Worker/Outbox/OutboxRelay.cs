using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Saga.Worker.Data;
using EdaAspire.ServiceDefaults;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using EdaAspire.SemanticConventions;

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
    OutboxSignal signal,
    TimeProvider clock,
    IConfiguration configuration,
    IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const string Source = "urn:edaaspire:saga";

    // The queue's messaging.system for the relay spans (the adapter named by ConnectionStrings:messaging).
    private string QueueSystem => _queueSystem ??= WorkQueueConnection.FromConfiguration(
        configuration, WorkQueueHostingExtensions.DefaultConnectionName).MessagingSystem;

    private string? _queueSystem;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Drain as fast as the brokers take it; then sleep until a commit here stores rows, or the idle poll.
                var stored = signal.Next;
                // Under load a commit usually came during the pass: go again at once, without arming a timer.
                if (await TryRelayOnceAsync(stoppingToken) < options.Value.BatchSize && !stored.IsCompleted)
                {
                    await WaitAsync(stored, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is unsent stays in the outbox for the next start.
        }
    }

    private async Task WaitAsync(Task stored, CancellationToken stoppingToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(stored, Task.Delay(options.Value.IdleDelay, clock, idle.Token));
        await idle.CancelAsync(); // the timer of a poll that is no longer needed
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

        // Each row gets its own span, so each message continues the trace of the decision that stored it. Commands go
        // in outbox order, in batches (one queue transaction each), stopping at the first failed batch (the queue is
        // likely down; the rest wait for the next pass); events concurrently, as librdkafka batches them on the wire.
        var sent = new List<OutboxMessage>(due.Count);
        var failed = new List<OutboxMessage>();
        foreach (var chunk in due.Where(m => m.Destination == FulfillmentCommandCatalog.QueueName).Chunk(options.Value.CommandBatchSize))
        {
            if (!await TrySendCommandsAsync(chunk, now, cancellationToken))
            {
                failed.AddRange(chunk);
                break;
            }

            sent.AddRange(chunk);
        }

        var events = due.Where(m => m.Destination == Topics.Orders).ToList();
        var published = await Task.WhenAll(events.Select(row => TryPublishAsync(row, now, cancellationToken)));
        sent.AddRange(events.Where((_, i) => published[i]));
        failed.AddRange(events.Where((_, i) => !published[i]));
        LogFailures(failed);

        db.Outbox.RemoveRange(sent);
        await db.SaveChangesAsync(cancellationToken);
        backlog.Observe(await db.Outbox.CountAsync(cancellationToken));
        return sent.Count;
    }

    /// <summary>Sends one event inside its relay span; on failure schedules its next attempt.</summary>
    private async Task<bool> TryPublishAsync(OutboxMessage row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The publisher's own "send" span is a child of this one; the record carries the send span's context.
        using var span = OutboxTelemetry.StartRelay(row, "kafka");
        try
        {
            await publisher.PublishAsync(Topics.Orders, new OutgoingEvent(row.OrderId, ToEnvelope(row)), cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ScheduleRetry(row, span, ex, now);
            return false;
        }
    }

    /// <summary>
    /// Sends commands all or none in one queue transaction, each message carrying its own relay span's context. A lone
    /// command's send span is the child of its relay span; a batch's spans are siblings (each stays in its own order's
    /// trace) and the queue's send span links to them all.
    /// </summary>
    private async Task<bool> TrySendCommandsAsync(OutboxMessage[] rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var spans = rows.Length == 1
            ? [OutboxTelemetry.StartRelay(rows[0], QueueSystem)]
            : rows.Select(row => OutboxTelemetry.StartSibling(row, QueueSystem)).ToList();
        try
        {
            await fulfillment.SendAsync(rows.Select((row, i) => ToQueueMessage(row, spans[i]?.Context ?? TraceOf(row))).ToList(), cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                ScheduleRetry(rows[i], spans[i], ex, now);
            }

            return false;
        }
        finally
        {
            spans.ForEach(span => span?.Dispose());
        }
    }

    /// <summary>Records the failure on the row and its span; the row is tried again after its backoff.</summary>
    private void ScheduleRetry(OutboxMessage row, Activity? span, Exception ex, DateTimeOffset now)
    {
        span?.SetStatus(ActivityStatusCode.Error, ex.Message);
        span?.SetTag(MessagingAttributes.ErrorType, ex.GetType().FullName);
        row.Attempts++;
        row.NextAttemptAt = now + ExponentialBackoff.Delay(row.Attempts, options.Value.FirstRetryDelay, options.Value.MaxRetryDelay);
        row.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
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

    private static QueueMessage ToQueueMessage(OutboxMessage row, ActivityContext trace) => new()
    {
        MessageId = row.MessageId,
        Body = row.Body,
        CorrelationId = row.OrderId,
        Subject = row.Type,
        ContentType = EventEnvelope.JsonContentType,
        ApplicationProperties = QueueEnvelopeProperties.ToProperties(ToEnvelope(row), trace),
    };

    private static EventEnvelope ToEnvelope(OutboxMessage row) =>
        new(row.MessageId, row.Type, Source, row.CreatedAt, row.Body)
        {
            Subject = row.OrderId,
            CorrelationId = row.OrderId,
            CausationId = row.CausationId,
        };

    private static ActivityContext TraceOf(OutboxMessage row) =>
        ActivityContext.TryParse(row.TraceParent, null, isRemote: true, out var context) ? context : default;
}

public sealed class OutboxRelayOptions
{
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Commands per queue send: one transaction, and on Service Bus one batch, which must stay under 256 KB (Standard).</summary>
    [Range(1, 1_000)]
    public int CommandBatchSize { get; set; } = 50;

    /// <summary>How often the relay looks for rows it was not woken for (another replica's, retries coming due).</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The pause after a row's first failed send; it doubles with each further failure.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(400);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
