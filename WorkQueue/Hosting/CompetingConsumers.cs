using EdaAspire.ServiceDefaults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.WorkQueue.Hosting;

/// <summary>How <see cref="CompetingConsumers"/> receives and backs off.</summary>
public sealed record CompetingConsumersOptions
{
    /// <summary>Messages handled at once; the receive loop asks for no more than there are free handlers.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>How long one receive waits for a message before it asks again; stopping ends the wait at once.</summary>
    public TimeSpan ReceiveWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The pause after a loop's first failed receive; it doubles with each failure in a row.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between two receives of a loop while the queue fails: the bound on how late it resumes.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveWait, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinBackoff, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, MinBackoff);
    }
}

/// <summary>
/// Competing consumers of one queue in this process: one receive loop that asks for as many messages as there are free
/// handlers (so no lock runs down on a message waiting in a local buffer) and hands each to the handler, which settles it;
/// up to <see cref="CompetingConsumersOptions.Concurrency"/> run at once. (Service Bus's processor calls this
/// MaxConcurrentCalls; one poller instead of one per handler keeps an idle queue cheap.) The loop outlives the queue's
/// outages: a failing receive (store or broker unreachable) makes it back off, doubling from
/// <see cref="CompetingConsumersOptions.MinBackoff"/> to <see cref="CompetingConsumersOptions.MaxBackoff"/> with jitter,
/// and try again, so it resumes by itself once the queue answers. An outage is logged once when it starts and once when
/// it ends, not on every try.
/// </summary>
public sealed class CompetingConsumers
{
    private readonly IWorkQueue _queue;
    private readonly Func<ReceivedMessage, CancellationToken, Task> _handle;
    private readonly CompetingConsumersOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _outageStarted; // a timestamp of _time while receives fail, 0 otherwise; written by the loop only

    public CompetingConsumers(
        IWorkQueue queue,
        Func<ReceivedMessage, CancellationToken, Task> handle,
        CompetingConsumersOptions? options = null,
        TimeProvider? time = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(handle);
        _options = options ?? new CompetingConsumersOptions();
        _options.Validate();
        _queue = queue;
        _handle = handle;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Whether an outage is on: a receive failed, and none has succeeded since.</summary>
    public bool IsQueueFailing => Volatile.Read(ref _outageStarted) != 0;

    /// <summary>
    /// Receives and handles until <paramref name="stoppingToken"/> is cancelled, then waits for the handlers still running;
    /// never ends on a queue's failure.
    /// </summary>
    public Task RunAsync(CancellationToken stoppingToken) => Task.Run(() => ReceiveLoopAsync(stoppingToken), CancellationToken.None);

    /// <summary>The pause after <paramref name="failures"/> failed receives in a row.</summary>
    internal static TimeSpan Backoff(int failures, CompetingConsumersOptions options) =>
        ExponentialBackoff.Jittered(failures, options.MinBackoff, options.MaxBackoff);

    private async Task ReceiveLoopAsync(CancellationToken stoppingToken)
    {
        using var handlers = new SemaphoreSlim(_options.Concurrency);
        var failures = 0;
        while (await WaitForFreeHandlerAsync(handlers, stoppingToken))
        {
            var free = 1;
            while (free < _options.Concurrency && handlers.Wait(0, CancellationToken.None))
            {
                free++;
            }

            IReadOnlyList<ReceivedMessage> received;
            try
            {
                received = await _queue.ReceiveAsync(free, _options.ReceiveWait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                handlers.Release(free);
                break;
            }
            catch (Exception ex)
            {
                // The store or broker is unreachable for now; the health check reports it, the loop tries again.
                handlers.Release(free);
                OnReceiveFailed(ex, ++failures);
                await PauseAsync(Backoff(failures, _options), stoppingToken);
                continue;
            }

            OnReceiveSucceeded(failures);
            failures = 0;
            if (free > received.Count)
            {
                handlers.Release(free - received.Count);
            }

            foreach (var message in received)
            {
                _ = Task.Run(() => HandleAsync(message, handlers, stoppingToken), CancellationToken.None);
            }
        }

        // Every handler gives its slot back when it ends: holding all slots means none is still running.
        for (var i = 0; i < _options.Concurrency; i++)
        {
            await handlers.WaitAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> WaitForFreeHandlerAsync(SemaphoreSlim handlers, CancellationToken stoppingToken)
    {
        try
        {
            await handlers.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task HandleAsync(ReceivedMessage message, SemaphoreSlim handlers, CancellationToken stoppingToken)
    {
        try
        {
            await _handle(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message's lock runs out (or the adapter releases it) and it is delivered again.
        }
        catch (Exception ex)
        {
            // The handler settles what it can itself; what escapes it is delivered again once the lock runs out.
            _logger.LogError(ex, "Handling message {MessageId} of queue {Queue} failed; it will be delivered again", message.MessageId, _queue.Name);
        }
        finally
        {
            handlers.Release();
        }
    }

    /// <param name="failures">Failed receives in a row, this one included.</param>
    private void OnReceiveFailed(Exception exception, int failures)
    {
        if (failures > 1)
        {
            _logger.LogDebug(exception, "Receiving from queue {Queue} failed again", _queue.Name);
            return;
        }

        Volatile.Write(ref _outageStarted, Math.Max(1, _time.GetTimestamp()));
        _logger.LogWarning(exception,
            "Queue {Queue} is unavailable: receiving failed ({Error}); the receive loop backs off (up to {MaxBackoff}) and retries until it answers",
            _queue.Name, exception.Message, _options.MaxBackoff);
    }

    /// <param name="failures">Failed receives in a row before this one.</param>
    private void OnReceiveSucceeded(int failures)
    {
        if (failures == 0)
        {
            return;
        }

        var outage = _time.GetElapsedTime(_outageStarted);
        Volatile.Write(ref _outageStarted, 0);
        _logger.LogInformation("Queue {Queue} answers again after {Outage} ({FailedReceives} failed receives); receiving resumes",
            _queue.Name, outage, failures);
    }

    private async Task PauseAsync(TimeSpan pause, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(pause, _time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
