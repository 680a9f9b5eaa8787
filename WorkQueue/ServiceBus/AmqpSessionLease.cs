using Amqp;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// One live connection and its session, with the links made on it. When any of them closes, the lease is over: the
/// scope opens a new one and the deliveries held on this one can no longer be settled (their locks are lost).
/// </summary>
internal sealed class AmqpSessionLease : IDisposable
{
    private readonly Dictionary<string, ILinkHandle> _links = [];
    private readonly CancellationTokenSource _closed = new();

    public AmqpSessionLease(Connection connection, Session session, long generation)
    {
        Connection = connection;
        Session = session;
        Generation = generation;
        // Called on the I/O thread: cancel elsewhere so no continuation runs there.
        connection.AddClosedCallback((_, _) => ThreadPool.QueueUserWorkItem(_ => Cancel()));
        session.AddClosedCallback((_, _) => ThreadPool.QueueUserWorkItem(_ => Cancel()));
    }

    public Connection Connection { get; }

    public Session Session { get; }

    public long Generation { get; }

    /// <summary>Cancelled once the connection or the session closed.</summary>
    public CancellationToken Closed => _closed.Token;

    public bool IsOpen => !Connection.IsClosed && !Session.IsClosed && !_closed.IsCancellationRequested;

    /// <summary>The cached link under <paramref name="key"/>, or a new one when there is none or it closed.</summary>
    public T Link<T>(string key, Func<Session, T> create) where T : class, ILinkHandle
    {
        lock (_links)
        {
            if (_links.TryGetValue(key, out var link) && !link.IsClosed)
            {
                return (T)link;
            }

            var created = create(Session);
            _links[key] = created;
            return created;
        }
    }

    public async Task CloseAsync()
    {
        Cancel();
        try
        {
            await Connection.CloseAsync(TimeSpan.FromSeconds(5), null);
        }
        catch (Exception ex) when (ex is AmqpException or ObjectDisposedException or TimeoutException or IOException)
        {
            // Closing a broken connection: nothing left to tell the broker.
        }

        await Task.Yield();
        Dispose();
    }

    public void Dispose() => _closed.Dispose();

    private void Cancel()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
