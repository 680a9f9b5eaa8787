using Amqp;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// A receiver link with manual credit: it grants credit only when the previous grant is used up, so prefetch stays
/// bounded even on RabbitMQ &lt; 4, which can deliver more than the credit it was given. One receive at a time.
/// </summary>
internal sealed class CreditedReceiver(ReceiverLink link, int maxPrefetch) : ILinkHandle, IDisposable
{
    // A waiting receive checks cancellation and the link this often.
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _granted;
    private int _handedOut;

    public string Name => link.Name;

    public bool IsClosed => link.IsClosedOrClosing();

    /// <summary>Up to <paramref name="maxMessages"/> deliveries, waiting up to <paramref name="maxWait"/> for the first.</summary>
    public async Task<IReadOnlyList<Message>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_handedOut >= _granted)
            {
                _granted = Math.Clamp(maxMessages, 1, maxPrefetch);
                _handedOut = 0;
                link.SetCredit(_granted, CreditMode.Manual); // adds credit
            }

            var received = new List<Message>();
            var deadline = DateTimeOffset.UtcNow + maxWait;
            // Receive(TimeSpan.Zero) only looks at what has arrived (ReceiveAsync(Zero) would never complete in 2.5.5).
            var first = link.Receive(TimeSpan.Zero);
            while (first is null)
            {
                // Whole milliseconds of at least 1: AMQPNetLite truncates to milliseconds, and a 0 ms wait never completes.
                var remaining = TimeSpan.FromMilliseconds(Math.Ceiling((deadline - DateTimeOffset.UtcNow).TotalMilliseconds));
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                first = await link.ReceiveAsync(remaining < Slice ? remaining : Slice);
                await Task.Yield(); // an arriving message completes the wait on AMQPNetLite's I/O thread
            }

            if (first is null)
            {
                return received;
            }

            received.Add(first);
            while (received.Count < maxMessages && link.Receive(TimeSpan.Zero) is { } more)
            {
                received.Add(more);
            }

            _handedOut += received.Count;
            return received;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Settles a delivery this link handed out; false when the link is gone (the broker redelivers it).</summary>
    public bool TrySettle(Message message, Amqp.Framing.Outcome outcome)
    {
        if (link.IsClosedOrClosing())
        {
            return false;
        }

        try
        {
            link.Complete(message, outcome);
            return true;
        }
        catch (AmqpException)
        {
            return false; // detaching in the meantime
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public async Task CloseAsync()
    {
        await link.CloseAsync();
        await Task.Yield();
        Dispose();
    }

    public void Dispose() => _gate.Dispose();
}
