using System.Collections.Concurrent;
using Amqp;
using Amqp.Framing;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// Request/response over a pair of links to one node (<c>$cbs</c>, <c>&lt;queue&gt;/$management</c>): requests carry a
/// message id and our reply address; the node answers with that id as correlation id and a <c>status-code</c>.
/// </summary>
internal sealed class AmqpRequestLink : ILinkHandle
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly SenderLink _sender;
    private readonly ReceiverLink _receiver;
    private readonly string _replyTo;
    private readonly string _node;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Message>> _pending = new();

    public AmqpRequestLink(Session session, string node)
    {
        _node = node;
        _replyTo = $"{node}-reply-{Guid.NewGuid():N}";
        _sender = new SenderLink(session, $"{node}-requests-{Guid.NewGuid():N}", new Target { Address = node }, null);
        _receiver = new ReceiverLink(session, $"{node}-responses-{Guid.NewGuid():N}",
            new Attach { Source = new Source { Address = node }, Target = new Target { Address = _replyTo } }, null);

        // Called on AMQPNetLite's I/O thread: only hand the response over (continuations run elsewhere).
        _receiver.Start(20, (link, response) =>
        {
            link.Accept(response);
            if (response.Properties?.CorrelationId is { } id && _pending.TryRemove(id.ToString()!, out var waiter))
            {
                waiter.TrySetResult(response);
            }
        });
        _receiver.AddClosedCallback((_, error) => FailAll(error));
        _sender.AddClosedCallback((_, error) => FailAll(error));
    }

    public bool IsClosed => _sender.IsClosedOrClosing() || _receiver.IsClosedOrClosing();

    /// <summary>Sends the request and returns the response whose status code is 2xx; any other status throws.</summary>
    public async Task<Message> RequestAsync(Message request, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        request.Properties ??= new Properties();
        request.Properties.MessageId = id;
        request.Properties.ReplyTo = _replyTo;
        var waiter = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = waiter;
        try
        {
            await _sender.SendAsync(request);
            await Task.Yield(); // leave AMQPNetLite's I/O thread, which must never block
            var response = await waiter.Task.WaitAsync(Timeout, cancellationToken);
            return ManagementStatus.EnsureSuccess(response, _node);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async Task CloseAsync()
    {
        await _sender.CloseAsync();
        await _receiver.CloseAsync();
        await Task.Yield();
    }

    private void FailAll(Error? error)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var waiter))
            {
                waiter.TrySetException(new AmqpException(error ?? new Error(ErrorCode.DetachForced) { Description = $"The link to '{_node}' closed." }));
            }
        }
    }
}
