using Amqp;
using Amqp.Sasl;
using Microsoft.Extensions.Logging;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// Owns the connection to the broker for one queue: opens it on first use, authorises the queue with a CBS token on
/// Service Bus (and keeps the token fresh), and after a lost connection opens a new one with exponential backoff.
/// </summary>
internal sealed class AmqpConnectionScope(
    AmqpEndpoint endpoint, string queueName, ICbsTokenProvider? tokens, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(30);
    // Callers back off on their own too (the receive loop by up to 5 s); a longer wait here would only delay resuming.
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RefreshRetry = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private AmqpSessionLease? _current;
    private long _generation;
    private int _failures;
    private DateTimeOffset _retryAt;
    private Exception? _lastFailure;

    public string Audience { get; } = AmqpBrokerDialect.Audience(endpoint.Host, queueName);

    /// <summary>
    /// The open session, opening a new connection when the last one was lost; after a failed attempt, the next one waits
    /// for the backoff and calls until then fail at once (<see cref="AmqpConnectionException"/>).
    /// </summary>
    public async Task<AmqpSessionLease> GetSessionAsync(CancellationToken cancellationToken)
    {
        if (_current is { IsOpen: true } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            if (_current is { IsOpen: true } reopened)
            {
                return reopened;
            }

            if (_current is { } lost)
            {
                logger.LogWarning("The AMQP connection to {Endpoint} was lost ({Error}); reconnecting", endpoint, lost.Connection.Error?.Description);
                await lost.CloseAsync();
                _current = null;
            }

            // Within the backoff after a failed attempt, callers fail at once with that attempt's error instead of queueing
            // behind the gate (each waiting out the backoff in turn): a send in an outage fails fast, and the caller's own
            // retry policy decides when to ask again. The first caller after the backoff makes the next attempt.
            var wait = _retryAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero && _lastFailure is { } lastFailure)
            {
                throw new AmqpConnectionException(
                    $"Could not connect to {endpoint} (attempt {_failures}); the next attempt is due in {wait.TotalMilliseconds:F0} ms.", lastFailure);
            }

            try
            {
                _current = await ConnectAsync(cancellationToken);
                _failures = 0;
                _lastFailure = null;
                return _current;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _failures++;
                _retryAt = time.GetUtcNow() + Backoff(_failures);
                _lastFailure = ex;
                throw new AmqpConnectionException($"Could not connect to {endpoint} (attempt {_failures}).", ex);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>200 ms, doubling per consecutive failure up to 5 s.</summary>
    internal static TimeSpan Backoff(int failures) => ExponentialBackoff.After(failures, FirstBackoff, MaxBackoff);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await _gate.WaitAsync();
        try
        {
            if (_current is { } current)
            {
                await current.CloseAsync();
                _current = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AmqpSessionLease> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        timeout.CancelAfter(OpenTimeout);
        var factory = new ConnectionFactory();
        Address address;
        if (endpoint.Credential is UserPasswordCredential user)
        {
            address = new Address(endpoint.Host, endpoint.Port, user.User, user.Password, "/", endpoint.UseTls ? "AMQPS" : "AMQP");
        }
        else
        {
            // Service Bus: SASL ANONYMOUS, then a CBS token per entity.
            address = new Address(endpoint.Host, endpoint.Port, null, null, "/", endpoint.UseTls ? "AMQPS" : "AMQP");
            factory.SASL.Profile = SaslProfile.Anonymous;
        }

        var connection = await factory.CreateAsync(address, timeout.Token);
        await Task.Yield();
        var lease = new AmqpSessionLease(connection, new Session(connection), Interlocked.Increment(ref _generation));
        try
        {
            if (tokens is not null)
            {
                var cbs = lease.Link(ManagementRequests.CbsNode, session => new AmqpRequestLink(session, ManagementRequests.CbsNode));
                var refreshAt = await PutTokenAsync(cbs, timeout.Token);
                _ = KeepTokenFreshAsync(lease, cbs, refreshAt);
            }

            logger.LogInformation("Connected to {Endpoint} for queue {Queue}", endpoint, queueName);
            return lease;
        }
        catch
        {
            await lease.CloseAsync();
            throw;
        }
    }

    /// <summary>Puts a token for the queue's audience on <c>$cbs</c>; returns when to put the next one.</summary>
    private async Task<DateTimeOffset> PutTokenAsync(AmqpRequestLink cbs, CancellationToken cancellationToken)
    {
        var issuedAt = time.GetUtcNow();
        var token = await tokens!.GetTokenAsync(Audience, cancellationToken);
        await cbs.RequestAsync(ManagementRequests.PutToken(token, Audience), cancellationToken);
        return token.RefreshAt(issuedAt);
    }

    private async Task KeepTokenFreshAsync(AmqpSessionLease lease, AmqpRequestLink cbs, DateTimeOffset refreshAt)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(lease.Closed, _disposed.Token);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var wait = refreshAt - time.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stop.Token);
                refreshAt = await PutTokenAsync(cbs, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The old token holds until it expires; if it does, the broker detaches the links and the next use reconnects.
                logger.LogWarning(ex, "Could not refresh the CBS token for {Audience}; retrying", Audience);
                refreshAt = time.GetUtcNow() + RefreshRetry;
            }
        }
    }
}

/// <summary>The broker could not be reached or refused the connection; the next use tries again after a backoff.</summary>
public sealed class AmqpConnectionException(string message, Exception innerException) : Exception(message, innerException);
